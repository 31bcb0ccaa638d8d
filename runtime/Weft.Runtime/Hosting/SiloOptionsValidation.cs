namespace Weft.Runtime.Hosting;

/// <summary>Checks <see cref="SiloOptions"/> at start-up, so a bad duration fails there instead of on every call.</summary>
internal static class SiloOptionsValidation
{
    // Timers and Task.WaitAsync accept at most uint.MaxValue - 1 milliseconds (about 49.7 days).
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public const string Message =
        "Weft:Silo durations must be positive and at most 49 days (CallTimeout may also be infinite: -00:00:00.001); " +
        "check CallTimeout, CollectionAge, CollectionAgeByGrainType, CollectionQuantum and DeactivationTimeout.";

    public static bool IsValid(SiloOptions options)
        => (options.CallTimeout == Timeout.InfiniteTimeSpan || InRange(options.CallTimeout))
            && InRange(options.CollectionAge)
            && options.CollectionAgeByGrainType.Values.All(InRange)
            && InRange(options.CollectionQuantum)
            && InRange(options.DeactivationTimeout);

    private static bool InRange(TimeSpan value) => value > TimeSpan.Zero && value <= s_longest;
}
