using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Live;

namespace Weft.Api.Streaming;

/// <summary>
/// A list stream on one connection: a listener on each member's own channel, following the list while it is open. The
/// lists grain announces each change on the list's channel before it answers the call that made it: from then on a
/// member added is listened to, one removed is not, and a deleted list goes quiet; every change (a new replies policy
/// too) also makes the stream read the list again, so it ends up as the list is stored.
/// </summary>
public sealed class ListStreamSubscription : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ILiveFeed _feed;
    private readonly long _ownerId;
    private readonly Action<LiveEvent, ListStreamFilter> _forward;
    private readonly Dictionary<long, IDisposable> _members = [];
    private readonly Lock _lock = new();
    private readonly IDisposable _changes;
    private ListStreamFilter? _filter;
    private bool _disposed;

    // Reads asked for (one per change) and not yet covered by a read; the reader that takes it from 0 to 1 reads until
    // none are left, so reads never overlap and the last one starts after the last change. A read during which it
    // grew is older than a change already applied, and is dropped for the next.
    private int _readsWanted = 1;

    private ListStreamSubscription(IGrainFactory grains, ILiveFeed feed, long ownerId, long listId, Action<LiveEvent, ListStreamFilter> forward)
    {
        (_grains, _feed, _ownerId, ListId, _forward) = (grains, feed, ownerId, listId, forward);
        _changes = feed.Subscribe(LiveChannel.List(listId), OnListChanged);
    }

    public long ListId { get; }

    /// <summary>
    /// Listens to the owner's list named by <paramref name="list"/> (its id as a string), passing each event of a
    /// member's channel to <paramref name="forward"/> with the list as last known; null if the owner has no such list.
    /// </summary>
    public static async Task<ListStreamSubscription?> OpenAsync(
        IGrainFactory grains, ILiveFeed feed, long ownerId, string? list, Action<LiveEvent, ListStreamFilter> forward)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(forward);
        if (ownerId <= 0 || !SnowflakeId.TryParse(list, out var listId))
        {
            return null;
        }

        // Listening for changes before the first read: a change made while it runs is read again. Until the read
        // shows the list is the owner's, changes announced on its channel are ignored.
        var subscription = new ListStreamSubscription(grains, feed, ownerId, listId, forward);
        try
        {
            if (await subscription.ReadListAsync(opening: true))
            {
                return subscription;
            }
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        subscription.Dispose();
        return null;
    }

    public void Dispose()
    {
        _changes.Dispose();
        lock (_lock)
        {
            _disposed = true;
            foreach (var member in _members.Values)
            {
                member.Dispose();
            }

            _members.Clear();
        }
    }

    // Called inside the lists grain's turn: the member change applies at once, and the read goes to the thread pool,
    // not to the grain's queue.
    private void OnListChanged(LiveEvent change)
    {
        if (change.Kind is not (LiveEventKind.ListMemberAdded or LiveEventKind.ListMemberRemoved or LiveEventKind.ListChanged or LiveEventKind.ListDeleted))
        {
            return;
        }

        lock (_lock)
        {
            if (!_disposed && _filter is { } filter)
            {
                switch (change.Kind)
                {
                    case LiveEventKind.ListMemberAdded when !filter.Members.Contains(change.Id):
                        Apply(filter.WithMembers([.. filter.Members, change.Id]));
                        break;
                    case LiveEventKind.ListMemberRemoved when filter.Members.Contains(change.Id):
                        Apply(filter.WithMembers([.. filter.Members.Where(id => id != change.Id)]));
                        break;
                    case LiveEventKind.ListDeleted:
                        Apply(null);
                        break;
                }
            }
        }

        if (Interlocked.Increment(ref _readsWanted) == 1)
        {
            _ = Task.Run(() => ReadListAsync(opening: false));
        }
    }

    // Reads the list until no change is left unread; whether it exists after the last read. A failed read after the
    // opening one keeps what is listened to (live events are best effort; the next change reads again).
    private async Task<bool> ReadListAsync(bool opening)
    {
        var wanted = Volatile.Read(ref _readsWanted);
        while (true)
        {
            try
            {
                var filter = await ListStreamFilter.LoadAsync(_grains, _ownerId, ListId);
                lock (_lock)
                {
                    if (!_disposed && Volatile.Read(ref _readsWanted) == wanted)
                    {
                        Apply(filter);
                    }
                }
            }
            catch (Exception e) when (!opening && e is not OutOfMemoryException)
            {
                // Kept as it was; see above.
            }

            var left = Interlocked.Add(ref _readsWanted, -wanted);
            if (left == 0)
            {
                return Volatile.Read(ref _filter) is not null;
            }

            wanted = left;
            opening = false;
        }
    }

    // Under the lock: listens to the filter's members (none for a deleted list), and to no one else.
    private void Apply(ListStreamFilter? filter)
    {
        Volatile.Write(ref _filter, filter);
        var members = filter?.Members ?? new HashSet<long>();
        foreach (var (member, listener) in _members.Where(m => !members.Contains(m.Key)).ToList())
        {
            listener.Dispose();
            _members.Remove(member);
        }

        foreach (var member in members)
        {
            if (!_members.ContainsKey(member))
            {
                _members[member] = _feed.Subscribe(LiveChannel.Author(member), liveEvent => Forward(member, liveEvent));
            }
        }
    }

    // A listener removed while an event is being published may still get that event: the list as it is now decides.
    private void Forward(long member, LiveEvent liveEvent)
    {
        if (Volatile.Read(ref _filter) is { } filter && filter.Members.Contains(member))
        {
            _forward(liveEvent, filter);
        }
    }
}
