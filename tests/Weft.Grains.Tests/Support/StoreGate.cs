namespace Weft.Grains.Tests.Support;

/// <summary>The gate of a <see cref="GatedSocialStore"/>: which account's favourites wait, and the signals.</summary>
public sealed class StoreGate
{
    /// <summary>The account whose <c>AddMarkAsync</c> calls wait for <see cref="Open"/>; 0 for none.</summary>
    public long AccountId { get; set; }

    /// <summary>Completed when a gated call reached the store.</summary>
    public TaskCompletionSource Entered { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completing it lets gated calls through.</summary>
    public TaskCompletionSource Open { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
