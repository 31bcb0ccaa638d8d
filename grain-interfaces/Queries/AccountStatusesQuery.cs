using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Queries;

/// <summary>Which of an account's statuses to list.</summary>
/// <param name="Page">Paging bounds (cursors are status ids).</param>
/// <param name="ExcludeReplies">Leave out replies to others.</param>
/// <param name="ExcludeReblogs">Leave out reblogs.</param>
/// <param name="OnlyMedia">Only statuses with media.</param>
/// <param name="Tagged">Only statuses with this hashtag (its folded name, <see cref="Statuses.HashtagName.Normalize"/>); null for any.</param>
public sealed record AccountStatusesQuery(PageRequest Page, bool ExcludeReplies, bool ExcludeReblogs, bool OnlyMedia, string? Tagged = null);
