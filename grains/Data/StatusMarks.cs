namespace Weft.Grains.Data;

/// <summary>
/// What a status grain keeps in memory about its status: who favourited and bookmarked it (newest mark first), its
/// reblogs (newest first) and how many live replies it has.
/// </summary>
public sealed record StatusMarks(IReadOnlyList<MarkRow> Favourites, IReadOnlyList<MarkRow> Bookmarks, IReadOnlyList<StatusRow> Reblogs, long RepliesCount);
