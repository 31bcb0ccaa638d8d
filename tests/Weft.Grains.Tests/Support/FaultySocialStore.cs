using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>What <see cref="FaultySocialStore"/> fails: the first <see cref="Failures"/> notification writes to one recipient.</summary>
public sealed class NotificationFaults
{
    private int _attempts;

    public long RecipientId { get; set; }

    public int Failures { get; set; }

    /// <summary>Notification writes to the recipient so far, failed or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Counts a write to <paramref name="recipientId"/> and says whether it fails.</summary>
    public bool TakeFault(long recipientId) => recipientId == RecipientId && Interlocked.Increment(ref _attempts) <= Failures;
}

/// <summary>
/// The silo's social store with injected failures: <see cref="ISocialStore.AddNotificationAsync"/> to the recipient
/// named by <see cref="NotificationFaults"/> throws, as a dropped database connection would, the given number of times.
/// Every other call goes straight to the real store.
/// </summary>
public class FaultySocialStore : SocialStoreProxy
{
    private NotificationFaults? _faults;

    /// <summary>Replaces the registered <see cref="ISocialStore"/> with one that fails as <paramref name="faults"/> says.</summary>
    public static void Decorate(IServiceCollection services, NotificationFaults faults) =>
        Decorate<FaultySocialStore>(services, store => store._faults = faults);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(ISocialStore.AddNotificationAsync) && args is [NotificationRow row, ..] && _faults!.TakeFault(row.RecipientId))
        {
            return Task.FromException<bool>(new IOException("injected: the connection to the database was lost"));
        }

        return Forward(targetMethod, args);
    }
}
