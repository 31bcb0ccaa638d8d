using System.Reflection;
using Microsoft.Extensions.Options;
using Weft.Runtime.Hosting;
using Weft.Runtime.Metadata;

namespace Weft.Runtime.Catalog;

/// <summary>
/// Deactivates activations idle longer than their collection age: the silo's setting for their grain type, else their
/// class's <see cref="CollectionAgeLimitAttribute"/>, else the silo's <c>CollectionAge</c>. Calls only set a flag on
/// the activation; the collector, waking every quantum, turns flags into idle times (so the call path reads no clock).
/// </summary>
internal sealed class IdleCollector(GrainCatalog catalog, GrainManifest manifest, IOptions<SiloOptions> options, TimeProvider timeProvider) : IDisposable
{
    // Timers accept at most uint.MaxValue - 1 milliseconds, as the silo's own ages (SiloOptionsValidation).
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly SiloOptions _options = options.Value;
    private readonly Dictionary<string, TimeSpan> _agesByGrainType = AgesByGrainType(manifest, options.Value);
    private ITimer? _timer;

    public void Start()
        => _timer = timeProvider.CreateTimer(static state => ((IdleCollector)state!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);

    /// <summary>One pass; public for tests that drive time themselves.</summary>
    public void Collect()
    {
        var now = timeProvider.GetTimestamp();
        foreach (var activation in catalog.Activations)
        {
            if (activation.Touched || !activation.IsIdle)
            {
                activation.Touched = false;
                activation.IdleSince = now;
                continue;
            }

            var age = _agesByGrainType.TryGetValue(activation.GrainId.GrainType, out var own) ? own : _options.CollectionAge;
            if (timeProvider.GetElapsedTime(activation.IdleSince, now) >= age)
            {
                _ = activation.RequestDeactivation(DeactivationReason.IdleCollection);
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    // The settings' ages, then the classes' [CollectionAgeLimit]; classes with neither use CollectionAge.
    private static Dictionary<string, TimeSpan> AgesByGrainType(GrainManifest manifest, SiloOptions options)
    {
        var ages = new Dictionary<string, TimeSpan>(options.CollectionAgeByGrainType, StringComparer.Ordinal);
        foreach (var grainClass in manifest.Classes)
        {
            if (grainClass.ClassType.GetCustomAttribute<CollectionAgeLimitAttribute>() is not { } limit || ages.ContainsKey(grainClass.GrainType))
            {
                continue;
            }

            ages[grainClass.GrainType] = CheckedAge(grainClass.ClassType, limit);
        }

        return ages;
    }

    private static TimeSpan CheckedAge(Type classType, CollectionAgeLimitAttribute limit)
    {
        TimeSpan? age;
        try
        {
            age = limit.Age;
        }
        catch (OverflowException)
        {
            age = null;
        }

        return age is { } valid && valid > TimeSpan.Zero && valid <= s_longest
            ? valid
            : throw new InvalidOperationException(
                $"[CollectionAgeLimit] on {classType.FullName} must add up to a positive age of at most 49 days " +
                $"(Days = {limit.Days}, Hours = {limit.Hours}, Minutes = {limit.Minutes}).");
    }
}
