namespace Weft.GrainInterfaces.Statuses;

/// <summary>A status as one viewer sees it: the snapshot plus the viewer's own marks on it.</summary>
/// <param name="Status">The status.</param>
/// <param name="Favourited">The viewer favourited it.</param>
/// <param name="Reblogged">The viewer reblogged it.</param>
/// <param name="Bookmarked">The viewer bookmarked it.</param>
/// <param name="Pinned">The viewer is its author and pinned it to their profile.</param>
public sealed record StatusView(StatusSnapshot Status, bool Favourited, bool Reblogged, bool Bookmarked, bool Pinned = false);
