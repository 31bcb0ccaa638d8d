using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>A status at one moment: its content (fixed at posting) and its counters (changing).</summary>
/// <param name="Id">The status id (a <see cref="Ids.SnowflakeId"/>).</param>
/// <param name="AccountId">The author (for a reblog, the account that reblogged).</param>
/// <param name="CreatedAt">When it was posted.</param>
/// <param name="Visibility">Who may see it.</param>
/// <param name="Text">The text as written (empty for a reblog).</param>
/// <param name="SpoilerText">The content warning, or empty.</param>
/// <param name="Sensitive">Whether media is marked sensitive.</param>
/// <param name="Language">Language code, or null.</param>
/// <param name="InReplyToId">The status replied to, or null.</param>
/// <param name="InReplyToAccountId">The author of the status replied to, or null.</param>
/// <param name="ReblogOfId">For a reblog, the original status; otherwise null.</param>
/// <param name="ReblogOfAccountId">For a reblog, the original's author; otherwise null.</param>
/// <param name="Mentions">Accounts mentioned, in order of first appearance.</param>
/// <param name="Tags">Hashtags used, lower-cased, without '#', in order of first appearance.</param>
/// <param name="ApplicationName">The client app that posted it, or null.</param>
/// <param name="RepliesCount">Replies that exist and are not deleted.</param>
/// <param name="ReblogsCount">Reblogs that exist and are not deleted.</param>
/// <param name="FavouritesCount">Accounts that favourited it.</param>
/// <param name="Deleted">Whether the author deleted it.</param>
/// <param name="Version">Increases on every change; lets renderers cache.</param>
/// <param name="EditedAt">When the author last edited it, or null if never.</param>
/// <param name="SilentMentionIds">
/// Accounts an earlier version mentioned and an edit dropped, or null for none: they keep the sight of it their mention
/// gave (Mastodon's silent mentions, as withdrawing a status already delivered would confuse more than it protects), but
/// are not shown, linked or notified.
/// </param>
/// <param name="ThreadId">
/// The first status of the reply chain it belongs to (Mastodon's conversation), for a reply; null for a status that starts
/// one, and for replies stored before threads were recorded (their thread is then taken as the status replied to).
/// </param>
public sealed record StatusSnapshot(
    long Id,
    long AccountId,
    DateTimeOffset CreatedAt,
    StatusVisibility Visibility,
    string Text,
    string SpoilerText,
    bool Sensitive,
    string? Language,
    long? InReplyToId,
    long? InReplyToAccountId,
    long? ReblogOfId,
    long? ReblogOfAccountId,
    ImmutableArray<Mention> Mentions,
    ImmutableArray<string> Tags,
    string? ApplicationName,
    long RepliesCount,
    long ReblogsCount,
    long FavouritesCount,
    bool Deleted,
    long Version,
    DateTimeOffset? EditedAt = null,
    ImmutableArray<long>? SilentMentionIds = null,
    long? ThreadId = null)
{
    /// <summary>The thread it belongs to: <see cref="ThreadId"/>, its reply target's id, or its own id (a method, so that
    /// codecs do not store it).</summary>
    public long ThreadRoot() => ThreadId ?? InReplyToId ?? Id;

    /// <summary>
    /// Every account it mentions or an earlier version mentioned (<see cref="Mentions"/>, then
    /// <see cref="SilentMentionIds"/>): those who may see it by mention, and who hear of its deletion.
    /// </summary>
    public IEnumerable<long> MentionedAccountIds() => Mentions.Select(mention => mention.AccountId).Concat(SilentMentionIds ?? []);
}
