namespace Weft.GrainInterfaces.Statuses;

/// <summary>Names of the streams statuses travel on.</summary>
public static class StatusStreams
{
    /// <summary>One stream per author (key: the author's id in decimal) carrying <see cref="StatusEvent"/>s.</summary>
    public const string Namespace = "statuses";
}
