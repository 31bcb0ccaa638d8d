using System.Collections.Immutable;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;

namespace Weft.Grains.Accounts;

/// <summary>
/// Mutes (Mastodon's): kept in the account's state. The home timeline leaves muted accounts out (it is told of every
/// change and asks when it loads); the notifications grain asks before notifying; lists and streams ask per read.
/// </summary>
public sealed partial class AccountGrain
{
    public async Task<Relationship?> MuteAsync(long accountId, bool notifications, TimeSpan? duration)
    {
        if (state.State.Profile is null || accountId == Id)
        {
            return null;
        }

        // Expired mutes go with this write; a mute made again after its end is a new one (a new place in the list).
        var mutes = state.State.Mutes;
        var before = new Dictionary<long, Mute>(mutes);
        foreach (var expired in mutes.Values.Where(m => !IsActive(m)).ToList())
        {
            mutes.Remove(expired.AccountId);
        }

        var expiresAt = duration is { } d && d > TimeSpan.Zero ? timeProvider.GetUtcNow() + d : (DateTimeOffset?)null;
        mutes[accountId] = new Mute(accountId, mutes.GetValueOrDefault(accountId)?.MuteId ?? ids.NextId(), notifications, expiresAt);
        await WriteMutesOrUndoAsync(before);
        await MutedChangedAsync();
        return await RelationshipAsync(accountId);
    }

    public async Task<Relationship?> UnmuteAsync(long accountId)
    {
        if (state.State.Profile is null)
        {
            return null;
        }

        var before = new Dictionary<long, Mute>(state.State.Mutes);
        if (state.State.Mutes.Remove(accountId))
        {
            await WriteMutesOrUndoAsync(before);
            await MutedChangedAsync();
        }

        return await RelationshipAsync(accountId);
    }

    public Task<Page<Mute>> GetMutesAsync(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var taken = page.Take(ActiveMutes().OrderByDescending(m => m.MuteId), m => m.MuteId);
        return Task.FromResult(taken.Count == 0 ? Page<Mute>.Empty : new Page<Mute>([.. taken], taken[0].MuteId, taken[^1].MuteId));
    }

    public ValueTask<ImmutableArray<Mute>> GetMutedAsync() => new([.. ActiveMutes()]);

    public ValueTask<bool> MutesNotificationsFromAsync(long accountId) => new(ActiveMute(accountId)?.Notifications == true);

    private Mute? ActiveMute(long accountId) => state.State.Mutes.TryGetValue(accountId, out var mute) && IsActive(mute) ? mute : null;

    private IEnumerable<Mute> ActiveMutes() => state.State.Mutes.Values.Where(IsActive);

    private bool IsActive(Mute mute) => mute.ExpiresAt is not { } at || at > timeProvider.GetUtcNow();

    private async Task WriteMutesOrUndoAsync(Dictionary<long, Mute> before)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Mutes = before;
            throw;
        }
    }

    // The home timeline drops or merges back at once; a failure is logged, and the timeline asks again when it loads.
    private Task MutedChangedAsync() =>
        SideEffectAsync(() => GrainFactory.GetGrain<IHomeTimelineGrain>(Id).SetMutesAsync([.. ActiveMutes()]), Id);
}
