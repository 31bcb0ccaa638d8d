using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// The silo's social store with a gate: <see cref="ISocialStore.AddMarkAsync"/> by the account
/// <see cref="StoreGate.AccountId"/> waits until the test opens the gate, so a test can hold a status grain inside a turn.
/// Every other call goes straight to the real store.
/// </summary>
public class GatedSocialStore : SocialStoreProxy
{
    private StoreGate? _gate;

    /// <summary>Replaces the registered <see cref="ISocialStore"/> with one that goes through <paramref name="gate"/>.</summary>
    public static void Decorate(IServiceCollection services, StoreGate gate) =>
        Decorate<GatedSocialStore>(services, store => store._gate = gate);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(ISocialStore.AddMarkAsync) && args is [_, long accountId, ..] && accountId == _gate!.AccountId)
        {
            return AfterGateAsync(targetMethod, args);
        }

        return Forward(targetMethod, args);
    }

    private async Task<AddedWithNotification> AfterGateAsync(MethodInfo method, object?[] args)
    {
        _gate!.Entered.TrySetResult();
        await _gate.Open.Task;
        return await (Task<AddedWithNotification>)Forward(method, args)!;
    }
}
