using Weft.GrainInterfaces.Accounts;

namespace Weft.Grains.Accounts;

/// <summary>What an account grain stores: the profile, the idempotency keys of recent posts and the pinned statuses. Counters and follows are not here: the social store holds them.</summary>
public sealed class AccountState
{
    /// <summary>The profile; null until the account is created.</summary>
    public AccountProfile? Profile { get; set; }

    /// <summary>
    /// Whether the account is known to be in the social store's directory (id and username): written after its listing
    /// succeeded, so an activation lists it again only if a crash came in between (or it was stored before this existed).
    /// </summary>
    public bool Listed { get; set; }

    /// <summary>
    /// The display name the directory finds the account by, as last listed: when the profile's differs (renamed, or
    /// listed before display names were searched), the account is listed again.
    /// </summary>
    public string? ListedDisplayName { get; set; }

    /// <summary>Idempotency keys of recent posts, oldest first (at most <see cref="AccountGrain.MaxIdempotencyKeys"/>, none older than a day).</summary>
    public List<IdempotencyRecord> IdempotencyKeys { get; set; } = [];

    /// <summary>The account's pinned statuses, most recently pinned first (at most <see cref="AccountGrain.MaxPinnedStatuses"/>).</summary>
    public List<long> PinnedStatusIds { get; set; } = [];

    /// <summary>The accounts this one muted, by their id (expired ones stay until the next mute drops them).</summary>
    public Dictionary<long, Mute> Mutes { get; set; } = [];

    /// <summary>What new statuses get when the client leaves a choice out; null for <see cref="PostingDefaults.Initial"/>.</summary>
    public PostingDefaults? PostingDefaults { get; set; }

    /// <summary>The account's private notes on other accounts, by their id (Mastodon's account notes).</summary>
    public Dictionary<long, string> Notes { get; set; } = [];
}
