namespace Weft.Grains.Data;

/// <summary>Which of an account's statuses to list (GET /api/v1/accounts/:id/statuses).</summary>
/// <param name="IncludePrivate">Include followers-only statuses (the viewer is the author or follows them).</param>
/// <param name="ViewerId">Direct statuses are included only where this account is mentioned or is the author, and private ones
/// there too (Mastodon: the mentioned may see them without following); 0 = anonymous.</param>
/// <param name="ExcludeReplies">Leave out replies (except to the author's own statuses, as Mastodon does).</param>
/// <param name="ExcludeReblogs">Leave out reblogs.</param>
/// <param name="OnlyMedia">Only statuses with media (none have media yet, so empty).</param>
/// <param name="Tagged">Only statuses with this hashtag (its stored, folded name); null for any. Reblogs carry none.</param>
public sealed record StatusListFilter(bool IncludePrivate, long ViewerId, bool ExcludeReplies, bool ExcludeReblogs, bool OnlyMedia, string? Tagged = null);
