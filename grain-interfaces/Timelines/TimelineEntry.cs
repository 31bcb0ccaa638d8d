namespace Weft.GrainInterfaces.Timelines;

/// <summary>One item of a home timeline: a status, or a reblog pointing at its original.</summary>
/// <param name="StatusId">The status shown (for a reblog, the reblog's own id); the timeline's sort key.</param>
/// <param name="AccountId">Its author (for a reblog, who reblogged).</param>
/// <param name="ReblogOfId">For a reblog, the original status; otherwise null.</param>
/// <param name="ReblogOfAccountId">For a reblog, the original's author; otherwise null.</param>
/// <param name="InReplyToAccountId">For a reply, the author replied to; otherwise null (also in entries stored before it existed).</param>
public sealed record TimelineEntry(long StatusId, long AccountId, long? ReblogOfId, long? ReblogOfAccountId, long? InReplyToAccountId);
