using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// Which notification writes fail (with <see cref="RecordingSocialStore"/>, through <see cref="StoreCalls.Fails"/>): the first
/// <see cref="Failures"/> to one recipient.
/// </summary>
public sealed class NotificationFaults
{
    private int _attempts;

    public long RecipientId { get; set; }

    public int Failures { get; set; }

    /// <summary>Notification writes to the recipient so far, failed or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Counts a write to <paramref name="recipientId"/> and says whether it fails.</summary>
    public bool TakeFault(long recipientId) => recipientId == RecipientId && Interlocked.Increment(ref _attempts) <= Failures;

    /// <summary>The store calls that fail: <see cref="ISocialStore.AddNotificationAsync"/> while <see cref="TakeFault"/> says so.</summary>
    public StoreCalls Calls() => new()
    {
        Fails = (method, args) =>
            method == nameof(ISocialStore.AddNotificationAsync) && args is [NotificationRow row, ..] && TakeFault(row.RecipientId),
    };
}
