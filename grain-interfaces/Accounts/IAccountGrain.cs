using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;

namespace Weft.GrainInterfaces.Accounts;

/// <summary>
/// One account: its profile, its counters (cached here, recounted from the social store on activation), the accounts
/// it follows, and the entry point for what it does (post, follow). Keyed by account id.
/// </summary>
/// <remarks>
/// Methods other grains call (<c>Get…</c>, <c>IsFollowing…</c>, <c>Followed…</c>, <c>Status…</c>) only read or update memory and never call out, and are
/// <see cref="AlwaysInterleaveAttribute"/>, so two accounts following each other at once cannot deadlock.
/// </remarks>
public interface IAccountGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the profile; called once by registration. Returns the snapshot (the existing one if repeated).</summary>
    Task<AccountSnapshot> CreateAsync(AccountProfile profile);

    /// <summary>
    /// Edits the profile and the posting defaults; returns both as they now are, or null if the account was never created.
    /// </summary>
    Task<AccountCredentials?> UpdateProfileAsync(ProfileChange change);

    /// <summary>The account, or null if it was never created. Interleaves, since grains in a call chain from here ask it.</summary>
    [AlwaysInterleave]
    ValueTask<AccountSnapshot?> GetAsync();

    /// <summary>What the account's new statuses get when the client leaves a choice out (also for a missing account).</summary>
    [AlwaysInterleave]
    ValueTask<PostingDefaults> GetPostingDefaultsAsync();

    /// <summary>The account with its posting defaults, from one turn (verify_credentials), or null if it was never created.</summary>
    [AlwaysInterleave]
    ValueTask<AccountCredentials?> GetCredentialsAsync();

    /// <summary>
    /// Follows <paramref name="targetId"/>; idempotent. Merges the target's recent statuses into the home timeline. Following
    /// again applies <paramref name="change"/> to the follow's settings (Mastodon's <c>reblogs</c> and <c>notify</c>).
    /// </summary>
    Task<FollowResult> FollowAsync(long targetId, FollowChange change);

    /// <summary>Unfollows <paramref name="targetId"/>; idempotent. Removes the target's statuses from the home timeline.</summary>
    Task<FollowResult> UnfollowAsync(long targetId);

    /// <summary>For each of <paramref name="accountIds"/>, in the same order, its followers that this account follows.</summary>
    [ReadOnly]
    Task<ImmutableArray<FamiliarFollowers>> GetFamiliarFollowersAsync(ImmutableArray<long> accountIds);

    /// <summary>Relationships from this account to each of <paramref name="accountIds"/>, in the same order.</summary>
    [ReadOnly]
    Task<ImmutableArray<Relationship>> GetRelationshipsAsync(ImmutableArray<long> accountIds);

    /// <summary>Whether this account follows <paramref name="accountId"/> (from memory; status grains ask it for private statuses).</summary>
    [AlwaysInterleave]
    ValueTask<bool> IsFollowingAsync(long accountId);

    /// <summary>
    /// Sets this account's private note on <paramref name="accountId"/> (empty removes it); the relationship afterwards,
    /// or null if this account does not exist.
    /// </summary>
    Task<Relationship?> SetNoteAsync(long accountId, string note);

    /// <summary>
    /// Mutes an account (again: changes the options), its notifications too if <paramref name="notifications"/>, until
    /// <paramref name="duration"/> has passed (null or zero: until unmuted). Null if this account does not exist or is
    /// the one named.
    /// </summary>
    Task<Relationship?> MuteAsync(long accountId, bool notifications, TimeSpan? duration);

    /// <summary>Unmutes an account; null if this account does not exist.</summary>
    Task<Relationship?> UnmuteAsync(long accountId);

    /// <summary>The accounts this one muted, newest mute first (the cursors are mute ids).</summary>
    [ReadOnly]
    Task<Page<Mute>> GetMutesAsync(PageRequest page);

    /// <summary>The mutes in force, with their ends (from memory; timelines, lists and streams ask it).</summary>
    [AlwaysInterleave]
    ValueTask<ImmutableArray<Mute>> GetMutedAsync();

    /// <summary>Whether this account muted the notifications of <paramref name="accountId"/> (the notifications grain asks).</summary>
    [AlwaysInterleave]
    ValueTask<bool> MutesNotificationsFromAsync(long accountId);

    /// <summary>Whether this account follows <paramref name="accountId"/> with its reblogs shown (from memory; lists ask it).</summary>
    [AlwaysInterleave]
    ValueTask<bool> ShowsReblogsOfAsync(long accountId);

    /// <summary>The accounts following this one, newest follow first (cursor: the follow's id).</summary>
    [ReadOnly]
    Task<Page<long>> GetFollowersAsync(PageRequest page);

    /// <summary>The accounts this one follows, newest follow first (cursor: the follow's id).</summary>
    [ReadOnly]
    Task<Page<long>> GetFollowingAsync(PageRequest page);

    /// <summary>
    /// Posts a status (or a reply) as this account. With an idempotency key, repeating the call with the same key
    /// returns the first status instead of posting again.
    /// </summary>
    Task<PostStatusResult> PostStatusAsync(StatusDraft draft, string? idempotencyKey);

    /// <summary>
    /// Edits one of this account's statuses: the draft's text, content warning, sensitivity and language replace the
    /// old (its visibility and reply target are ignored: they cannot change). Mentions are resolved as when posting.
    /// </summary>
    Task<StatusActionResult> EditStatusAsync(long statusId, StatusDraft draft);

    /// <summary>
    /// Pins one of this account's statuses to its profile (idempotent). Someone else's status, a reblog, a direct
    /// status or a sixth pin: <see cref="StatusActionError.Forbidden"/>; a missing or hidden status: NotFound.
    /// </summary>
    Task<StatusActionResult> PinAsync(long statusId);

    /// <summary>Unpins a status (idempotent); NotFound if it is missing or hidden from this account.</summary>
    Task<StatusActionResult> UnpinAsync(long statusId);

    /// <summary>The pinned statuses, most recently pinned first.</summary>
    [ReadOnly]
    Task<ImmutableArray<long>> GetPinnedAsync();

    /// <summary>Another account started following this one (counter update only).</summary>
    [AlwaysInterleave]
    Task FollowedByAsync(long followerId);

    /// <summary>Another account stopped following this one (counter update only).</summary>
    [AlwaysInterleave]
    Task UnfollowedByAsync(long followerId);

    /// <summary>A status (or reblog) of this account was created or deleted (counter update only).</summary>
    [AlwaysInterleave]
    Task StatusCountChangedAsync(int delta, DateTimeOffset? lastStatusAt);
}
