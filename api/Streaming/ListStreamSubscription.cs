using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Live;

namespace Weft.Api.Streaming;

/// <summary>
/// A list stream on one connection: a listener on each member's own channel, following the list as it changes. The
/// lists grain announces every change on the owner's lists channel; the list is then read again, members added since
/// are listened to, members removed are not, and the new replies policy applies to what comes next. A deleted list
/// goes quiet.
/// </summary>
public sealed class ListStreamSubscription : IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ILiveFeed _feed;
    private readonly long _ownerId;
    private readonly long _listId;
    private readonly Action<LiveEvent, ListStreamFilter> _forward;
    private readonly Dictionary<long, IDisposable> _members = [];
    private readonly Lock _lock = new();
    private readonly IDisposable _changes;
    private ListStreamFilter? _filter;
    private bool _disposed;

    // Reads asked for and not yet covered by a read; the reader that takes it from 0 to 1 reads until none are left,
    // so reads never overlap and the last one always follows the last change.
    private int _readsWanted = 1;

    private ListStreamSubscription(IGrainFactory grains, ILiveFeed feed, long ownerId, long listId, Action<LiveEvent, ListStreamFilter> forward)
    {
        (_grains, _feed, _ownerId, _listId, _forward) = (grains, feed, ownerId, listId, forward);
        _changes = feed.Subscribe(LiveChannel.Lists(ownerId), change =>
        {
            if (change.Kind == LiveEventKind.ListChanged && change.Id == _listId && Interlocked.Increment(ref _readsWanted) == 1)
            {
                _ = ReadListAsync(opening: false);
            }
        });
    }

    /// <summary>
    /// Listens to the owner's list named by <paramref name="list"/> (its id as a string), passing each event of a
    /// member's channel to <paramref name="forward"/> with the list as last read; null if the owner has no such list.
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

        // Listening for changes before the first read: a change made while it runs is read again.
        var subscription = new ListStreamSubscription(grains, feed, ownerId, listId, forward);
        if (!await subscription.ReadListAsync(opening: true))
        {
            subscription.Dispose();
            return null;
        }

        return subscription;
    }

    public long ListId => _listId;

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

    // Reads the list until no change is left unread; whether it exists after the last read. A failed read after the
    // opening one keeps what was listened to (live events are best effort; the next change reads again).
    private async Task<bool> ReadListAsync(bool opening)
    {
        var wanted = Volatile.Read(ref _readsWanted);
        while (true)
        {
            try
            {
                Apply(await ListStreamFilter.LoadAsync(_grains, _ownerId, _listId));
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

    private void Apply(ListStreamFilter? filter)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

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
                    _members[member] = _feed.Subscribe(LiveChannel.Author(member), Forward);
                }
            }
        }
    }

    private void Forward(LiveEvent liveEvent)
    {
        if (Volatile.Read(ref _filter) is { } filter)
        {
            _forward(liveEvent, filter);
        }
    }
}
