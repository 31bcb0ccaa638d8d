namespace Weft.GrainInterfaces.Statuses;

/// <summary>The outcome of posting.</summary>
/// <param name="Status">The posted status (or the earlier one for a repeated idempotency key), or null on error.</param>
/// <param name="Error">Null on success; otherwise why nothing was posted.</param>
public sealed record PostStatusResult(StatusSnapshot? Status, PostStatusError? Error);

/// <summary>Why a status was not posted.</summary>
public enum PostStatusError
{
    /// <summary>The status replied to does not exist or is not visible to the author.</summary>
    ReplyTargetNotFound,

    /// <summary>The posting account does not exist.</summary>
    AccountNotFound,

    /// <summary>The idempotency key names a status that was posted and then deleted (Mastodon answers 404).</summary>
    IdempotentStatusDeleted,
}
