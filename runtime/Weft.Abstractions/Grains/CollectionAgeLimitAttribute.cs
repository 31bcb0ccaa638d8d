namespace Weft;

/// <summary>
/// How long an activation of this grain class may stay idle before the silo deactivates it, instead of the silo's
/// <c>CollectionAge</c> (Orleans' attribute of the same name). For classes with many short-lived activations, such as
/// one per new post, whose memory would otherwise grow with the write rate times the silo's age. The silo's
/// <c>CollectionAgeByGrainType</c> setting overrides it. The parts add up: <c>Minutes = 2</c>, <c>Hours = 1</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Days of the age.</summary>
    public double Days { get; init; }

    /// <summary>Hours of the age.</summary>
    public double Hours { get; init; }

    /// <summary>Minutes of the age.</summary>
    public double Minutes { get; init; }

    /// <summary>The idle time the parts add up to.</summary>
    public TimeSpan Age => TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes);
}
