using System.Collections.Immutable;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Notifications;
using Notification = Weft.GrainInterfaces.Notifications.Notification;

namespace Weft.Api.Notifications;

/// <summary>
/// Folds a newest-first run of notifications into groups (Mastodon's grouped notifications), at most a page's worth.
/// A group spans only the notifications read: one reaching past the page shows again on the next, whose
/// <c>page_min_id</c>/<c>page_max_id</c> let clients merge the two.
/// </summary>
public sealed class NotificationGroups
{
    private readonly List<Group> _groups = [];
    private readonly Dictionary<string, Group> _byKey = [];

    /// <summary>The groups, most recent first.</summary>
    public IReadOnlyList<Group> Groups => _groups;

    /// <summary>The oldest notification taken, where the next page starts.</summary>
    public long? OldestTaken { get; private set; }

    /// <summary>The newest notification taken.</summary>
    public long? NewestTaken { get; private set; }

    /// <summary>
    /// Groups <paramref name="newestFirst"/> until a notification would open group number <paramref name="limit"/> + 1;
    /// types outside <paramref name="groupedTypes"/> stay one per group. Returns false once the page is full.
    /// </summary>
    public bool Take(IEnumerable<Notification> newestFirst, int limit, ImmutableArray<NotificationType> groupedTypes)
    {
        foreach (var notification in newestFirst)
        {
            var key = groupedTypes.Contains(notification.Type)
                ? NotificationGroupKey.Of(notification)
                : NotificationGroupKey.Ungrouped(notification);
            if (!_byKey.TryGetValue(key, out var group))
            {
                if (_groups.Count == limit)
                {
                    return false;
                }

                group = new Group(key, notification);
                _byKey.Add(key, group);
                _groups.Add(group);
            }

            group.Add(notification);
            OldestTaken = notification.Id;
            NewestTaken ??= notification.Id;
        }

        return true;
    }

    /// <summary>One group: its newest notification first, and the rest in the order read.</summary>
    public sealed class Group(string key, Notification newest)
    {
        private const int MaxSampleAccounts = 8;

        private readonly List<long> _sampleAccountIds = [];

        public string Key { get; } = key;

        public Notification Newest { get; } = newest;

        public long OldestId { get; private set; } = newest.Id;

        public int Count { get; private set; }

        /// <summary>Distinct accounts behind the group, most recent first, at most eight.</summary>
        public IReadOnlyList<long> SampleAccountIds => _sampleAccountIds;

        public void Add(Notification notification)
        {
            Count++;
            OldestId = notification.Id;
            if (_sampleAccountIds.Count < MaxSampleAccounts && !_sampleAccountIds.Contains(notification.FromAccountId))
            {
                _sampleAccountIds.Add(notification.FromAccountId);
            }
        }
    }
}
