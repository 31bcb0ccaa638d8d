using System.Globalization;

namespace Weft.LoadTest.Scenarios;

/// <summary>The spread of a scenario's one-at-a-time timings, as its summary line prints it.</summary>
internal static class Latencies
{
    /// <summary>"N {what}, p50 … ms, p90 … ms, max … ms, mean … ms".</summary>
    public static string Describe(IReadOnlyCollection<double> milliseconds, string what)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double share) => sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{sorted.Count} {what}, p50 {At(0.5):0.0} ms, p90 {At(0.9):0.0} ms, max {sorted[^1]:0.0} ms, mean {sorted.Average():0.0} ms");
    }
}
