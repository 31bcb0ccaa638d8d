namespace Weft.GrainInterfaces.Accounts;

/// <summary>The outcome of a follow or unfollow.</summary>
/// <param name="Relationship">The relationship afterwards.</param>
/// <param name="Changed">False when the call repeated the current state (following twice counts once).</param>
/// <param name="Error">Null on success; otherwise why nothing changed.</param>
public sealed record FollowResult(Relationship Relationship, bool Changed, FollowError? Error = null);

/// <summary>Why a follow was refused.</summary>
public enum FollowError
{
    /// <summary>The target account does not exist.</summary>
    NotFound,

    /// <summary>An account cannot follow itself.</summary>
    Self,
}
