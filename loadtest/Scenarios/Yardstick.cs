namespace Weft.LoadTest.Scenarios;

/// <summary>
/// A yardstick's rate measured before and after the scenario's own run. On a shared or throttled machine the speed
/// drifts by tens of percent within minutes; the mean of the two brackets the run it is compared with, and the spread
/// between them says how far to trust the ratio.
/// </summary>
/// <param name="Name">What was measured, as printed.</param>
/// <param name="Unit">The rate's unit, as printed.</param>
/// <param name="Before">The rate measured before the scenario's run.</param>
/// <param name="After">The rate measured after it.</param>
internal sealed record Yardstick(string Name, string Unit, double Before, double After)
{
    public double Mean => (Before + After) / 2;

    /// <summary>Prints both measurements and the ratio of <paramref name="rate"/> to their mean (target ≥ 0.50).</summary>
    public void PrintRatio(double rate, string settings)
    {
        Console.WriteLine($"{Name}: {Before:N0} {Unit} before, {After:N0} after, mean {Mean:N0}");
        Console.WriteLine(
            $"ratio: {rate / Mean:0.00} (target ≥ 0.50; {rate / Math.Max(Before, After):0.00}–{rate / Math.Min(Before, After):0.00} against either) with {settings}");
    }
}
