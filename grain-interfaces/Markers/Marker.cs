namespace Weft.GrainInterfaces.Markers;

/// <summary>Where a user stopped reading one timeline (Mastodon's Marker).</summary>
/// <param name="LastReadId">The id of the last item read.</param>
/// <param name="Version">Counts the marker's changes, from 1.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Marker(long LastReadId, int Version, DateTimeOffset UpdatedAt);
