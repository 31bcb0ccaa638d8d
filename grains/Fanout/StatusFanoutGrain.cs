using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Conversations;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;
using Weft.Grains.Hosting;
using Weft.Grains.Timelines;
using Weft.Streams;

namespace Weft.Grains.Fanout;

/// <summary>
/// Delivers an author's status events (key = author id; implicit subscriber of <see cref="StatusStreams.Namespace"/>).
/// Per batch: (1) the social store's index (one upsert for the created and edited statuses the queue did not index on
/// append; deleted ones and their marks removed); (2) home timelines: the author's own always, followers' (paged)
/// unless the author is big, direct statuses only to mentioned followers (as Mastodon); (3) notifications, reply
/// counts, and for a deleted original the deletion of its reblogs; (4) the public live channel.
/// </summary>
/// <remarks>
/// <para>Events arrive at least once and every step is idempotent (store writes, timeline inserts, notification rows),
/// so no sequence tracking is needed; a failure anywhere makes the whole batch redeliver.</para>
/// <para>Hybrid fan-out: an author with more than <see cref="SocialOptions.BigAccountFollowerThreshold"/> followers is
/// recorded as big in the store first, and pushing to followers stops only after
/// <see cref="SocialOptions.BigAccountGracePeriod"/> (≥ the timelines' refresh of their big followees), so no
/// timeline misses a status in between; it becomes small again at half the threshold (hysteresis), and timelines
/// then merge what they were not pushed. Deletions of a big author's statuses are not pushed either: readers get
/// statuses through <see cref="IStatusGrain.GetAsync"/>, which hides deleted ones.</para>
/// </remarks>
[ImplicitStreamSubscription(StatusStreams.Namespace)]
public sealed class StatusFanoutGrain(
    [PersistentState("fanout", "Default")] IPersistentState<FanoutState> state,
    ISocialStore store,
    ILiveFeed liveFeed,
    TimeProvider timeProvider,
    IOptions<SocialOptions> options,
    ILogger<StatusFanoutGrain> logger) : Grain, IStatusFanoutGrain, IStreamConsumer<StatusEvent>
{
    private readonly SocialOptions _options = options.Value;

    private long Author => GetPrimaryKeyLong();

    public async Task OnNextAsync(IReadOnlyList<StreamEvent<StatusEvent>> events)
    {
        var created = new List<StatusSnapshot>();
        var deleted = new List<StatusSnapshot>();
        var edited = new List<StatusSnapshot>();

        // Created and edited statuses are normally indexed already, in the transaction that stored them (the queue's
        // outbox projection); those stored before the queue had the projection (it reads them as not projected) are
        // indexed here, in event order (each row's version keeps a late edit from undoing a newer one).
        var unindexed = new List<StatusSnapshot>();
        foreach (var streamEvent in events)
        {
            var status = streamEvent.Item.Status;
            switch (streamEvent.Item.Kind)
            {
                case StatusEventKind.Created:
                    created.Add(status);
                    AddUnlessProjected(unindexed, streamEvent);
                    break;
                case StatusEventKind.Edited:
                    edited.Add(status);
                    AddUnlessProjected(unindexed, streamEvent);
                    break;
                default:
                    deleted.Add(status);
                    break;
            }
        }

        // A status created and deleted in one batch is indexed and removed, but never shown.
        if (deleted.Count > 0)
        {
            created.RemoveAll(c => deleted.Exists(d => d.Id == c.Id));
            edited.RemoveAll(e => deleted.Exists(d => d.Id == e.Id));
            unindexed.RemoveAll(c => deleted.Exists(d => d.Id == c.Id));
        }

        var reblogsOfDeleted = await IndexAsync(unindexed, deleted);
        var notifiedFollowers = await DeliverToTimelinesAsync(created, deleted);
        await NotifyAsync(created, deleted, reblogsOfDeleted, notifiedFollowers);
        await DeliverToConversationsAsync(created, deleted);
        PublishLive(created, deleted, edited);
        await PublishEditsToFollowersAsync(edited);
        await NotifyRebloggersOfEditsAsync(edited);
    }

    // "update" notifications to those who reblogged an edited status, as Mastodon's; each edit renews them, so a
    // reblogger holds one per status (a redelivered batch renews it again rather than adding another). Paged like the
    // push to followers, for statuses reblogged thousands of times.
    private async Task NotifyRebloggersOfEditsAsync(List<StatusSnapshot> edited)
    {
        var author = Author;
        foreach (var statusId in edited.Select(status => status.Id).Distinct())
        {
            await ForEachPagedAsync(
                after => store.ListReblogsAfterAsync(statusId, after, _options.FanoutPageSize, CancellationToken.None),
                static reblog => reblog.Id,
                reblog => GrainFactory.GetGrain<INotificationsGrain>(reblog.AccountId).RenewAsync(NotificationType.Update, author, statusId));
        }
    }

    // Direct statuses make conversations, for the author and each mentioned account (Mastodon's AccountConversation).
    private async Task DeliverToConversationsAsync(List<StatusSnapshot> created, List<StatusSnapshot> deleted)
    {
        var author = Author;
        foreach (var status in created)
        {
            if (status.Visibility == StatusVisibility.Direct && status.ReblogOfId is null)
            {
                var participants = Participants(status);
                await BoundedConcurrency.ForEachAsync(participants, _options.FanoutConcurrency,
                    participant => GrainFactory.GetGrain<IConversationsGrain>(participant).AddAsync(status.Id, author, participants, status.ThreadRoot()));
            }
        }

        foreach (var status in deleted)
        {
            if (status.Visibility == StatusVisibility.Direct && status.ReblogOfId is null)
            {
                await BoundedConcurrency.ForEachAsync(Participants(status), _options.FanoutConcurrency,
                    participant => GrainFactory.GetGrain<IConversationsGrain>(participant).RemoveStatusAsync(status.Id));
            }
        }

        static ImmutableArray<long> Participants(StatusSnapshot status) =>
            [.. status.MentionedAccountIds().Append(status.AccountId).Distinct()];
    }

    // "status.update" on the user streams of those whose home timelines hold the status: the author, the followers
    // (direct statuses reach only mentioned accounts, which are not tracked here), as Mastodon's fan-out of edits.
    private async Task PublishEditsToFollowersAsync(List<StatusSnapshot> edited)
    {
        if (edited.Count == 0)
        {
            return;
        }

        var author = Author;
        foreach (var status in edited)
        {
            liveFeed.Publish(LiveChannel.User(author), new LiveEvent(LiveEventKind.StatusUpdate, status.Id));
        }

        var broadcast = edited.FindAll(status => status.Visibility != StatusVisibility.Direct);
        if (broadcast.Count == 0)
        {
            return;
        }

        await ForEachPagedAsync(
            after => store.ListFollowerIdsAsync(author, after, _options.FanoutPageSize, CancellationToken.None),
            static follower => follower.AccountId,
            follower =>
            {
                foreach (var status in broadcast)
                {
                    liveFeed.Publish(LiveChannel.User(follower.AccountId), new LiveEvent(LiveEventKind.StatusUpdate, status.Id));
                }

                return Task.CompletedTask;
            });
    }

    private static void AddUnlessProjected(List<StatusSnapshot> unindexed, StreamEvent<StatusEvent> streamEvent)
    {
        if (!streamEvent.Projected)
        {
            unindexed.Add(streamEvent.Item.Status);
        }
    }

    // (1) The store first: timeline rebuilds, reply counts and context read it. Only created and edited statuses the
    // queue did not index on append are upserted here; deleted ones are removed (with their marks).
    private async Task<List<StatusRow>> IndexAsync(List<StatusSnapshot> unindexed, List<StatusSnapshot> deleted)
    {
        if (unindexed.Count > 0)
        {
            var rows = new StatusRow[unindexed.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = StatusRow.From(unindexed[i]);
            }

            await store.UpsertStatusesAsync(rows, CancellationToken.None);
        }

        var reblogsOfDeleted = new List<StatusRow>();
        foreach (var status in deleted)
        {
            if (status.ReblogOfId is null)
            {
                reblogsOfDeleted.AddRange(await store.ListReblogsAsync(status.Id, CancellationToken.None));
            }

            await store.DeleteStatusAsync(status.Id, CancellationToken.None);
            await store.DeleteMarksOfStatusAsync(status.Id, CancellationToken.None);
        }

        return reblogsOfDeleted;
    }

    // (2) Home timelines, and the author feed that followers of a big author read from. Returns the followers who
    // asked to be notified of the author's statuses when the push went through all followers (null otherwise).
    private async Task<List<long>?> DeliverToTimelinesAsync(List<StatusSnapshot> created, List<StatusSnapshot> deleted)
    {
        var author = Author;
        var (pushToFollowers, feedAuthorFeed) = await DecideFanoutAsync();

        var own = ImmutableArray.CreateBuilder<TimelineEntry>(created.Count);
        var broadcast = ImmutableArray.CreateBuilder<TimelineEntry>(created.Count);
        var broadcastDeleted = new List<long>();
        foreach (var status in created)
        {
            var entry = TimelineEntries.From(status);
            own.Add(entry);
            if (status.Visibility != StatusVisibility.Direct)
            {
                broadcast.Add(entry);
            }
        }

        foreach (var status in deleted)
        {
            if (status.Visibility != StatusVisibility.Direct)
            {
                broadcastDeleted.Add(status.Id);
            }
        }

        await SendAsync(author, own.ToImmutable(), AllIds(deleted));

        var toFollowers = broadcast.ToImmutable();
        List<long>? notifiedFollowers = null;
        if (pushToFollowers && (toFollowers.Length > 0 || broadcastDeleted.Count > 0))
        {
            notifiedFollowers = [];
            await ForEachPagedAsync(
                after => store.ListFollowerIdsAsync(author, after, _options.FanoutPageSize, CancellationToken.None),
                static follower => follower.AccountId,
                follower =>
                {
                    if (follower.Notify)
                    {
                        notifiedFollowers.Add(follower.AccountId);
                    }

                    return SendAsync(follower.AccountId, toFollowers, broadcastDeleted);
                });
        }

        // Direct statuses: only to the mentioned accounts that follow the author (Mastodon's "mentioned followers").
        foreach (var status in created)
        {
            if (status.Visibility == StatusVisibility.Direct)
            {
                var recipients = await MentionedFollowersAsync(status);
                ImmutableArray<TimelineEntry> entry = [TimelineEntries.From(status)];
                await BoundedConcurrency.ForEachAsync(recipients, _options.FanoutConcurrency, r => SendAsync(r, entry, []));
            }
        }

        foreach (var status in deleted)
        {
            if (status.Visibility == StatusVisibility.Direct)
            {
                var recipients = await MentionedFollowersAsync(status);
                List<long> removed = [status.Id];
                await BoundedConcurrency.ForEachAsync(recipients, _options.FanoutConcurrency, r => SendAsync(r, [], removed));
            }
        }

        if (feedAuthorFeed)
        {
            var feed = GrainFactory.GetGrain<IAuthorFeedGrain>(author);
            if (toFollowers.Length > 0)
            {
                await feed.AddAsync(toFollowers);
            }

            foreach (var id in broadcastDeleted)
            {
                await feed.RemoveStatusAsync(id);
            }
        }

        return notifiedFollowers;
    }

    private async Task SendAsync(long accountId, ImmutableArray<TimelineEntry> entries, List<long> removedIds)
    {
        var timeline = GrainFactory.GetGrain<IHomeTimelineGrain>(accountId);
        if (entries.Length > 0)
        {
            await timeline.AddAsync(entries);
        }

        foreach (var id in removedIds)
        {
            await timeline.RemoveStatusAsync(id);
        }
    }

    // Whether to push to followers, and whether to keep the author feed current; records changes of bigness.
    private async Task<(bool PushToFollowers, bool FeedAuthorFeed)> DecideFanoutAsync()
    {
        var author = Author;
        var followers = (await GrainFactory.GetGrain<IAccountGrain>(author).GetAsync())?.FollowersCount ?? 0;
        var now = timeProvider.GetUtcNow();
        var threshold = _options.BigAccountFollowerThreshold;
        if (followers > threshold && state.State.BigSince is null)
        {
            // Recorded before pushing stops, so timelines learn it within their refresh interval, inside the grace period.
            await store.SetBigAccountAsync(author, true, CancellationToken.None);
            state.State.BigSince = now;
            state.State.SmallSince = null;
            await state.WriteStateAsync();
            FanoutLog.BecameBig(logger, author, followers);
        }
        else if (followers <= threshold / 2 && state.State.BigSince is not null)
        {
            await store.SetBigAccountAsync(author, false, CancellationToken.None);
            state.State.BigSince = null;
            state.State.SmallSince = now;
            await state.WriteStateAsync();
            FanoutLog.BecameSmall(logger, author, followers);
        }

        var grace = _options.BigAccountGracePeriod;
        var pushToFollowers = state.State.BigSince is not { } bigSince || now - bigSince < grace;
        var feedAuthorFeed = state.State.BigSince is not null || (state.State.SmallSince is { } smallSince && now - smallSince < grace);
        return (pushToFollowers, feedAuthorFeed);
    }

    // (3) Notifications, reply counts, reblogs of deleted originals.
    private async Task NotifyAsync(
        List<StatusSnapshot> created, List<StatusSnapshot> deleted, List<StatusRow> reblogsOfDeleted, List<long>? notifiedFollowers)
    {
        var author = Author;
        foreach (var status in created)
        {
            foreach (var recipient in MentionRecipients(status))
            {
                await GrainFactory.GetGrain<INotificationsGrain>(recipient).AddAsync(NotificationType.Mention, author, status.Id);
            }

            if (status.ReblogOfId is { } originalId)
            {
                // The original's deletion may have been handled before this reblog was indexed (the two travel on
                // different authors' streams), so it found no reblog to delete: this side deletes it instead.
                if (await GrainFactory.GetGrain<IStatusGrain>(originalId).GetAsync(status.AccountId) is null)
                {
                    await GrainFactory.GetGrain<IStatusGrain>(status.Id).DeleteAsync(status.AccountId);
                    continue;
                }

                if (status.ReblogOfAccountId is { } originalAuthor && originalAuthor != author)
                {
                    await GrainFactory.GetGrain<INotificationsGrain>(originalAuthor).AddAsync(NotificationType.Reblog, author, originalId);
                }
            }

            if (status.InReplyToId is { } parentId)
            {
                await GrainFactory.GetGrain<IStatusGrain>(parentId).RepliesChangedAsync(status.Id, +1);
            }
        }

        foreach (var status in deleted)
        {
            // An undone reblog takes its notification with it, as Mastodon's does.
            if (status is { ReblogOfId: { } originalId, ReblogOfAccountId: { } originalAuthor } && originalAuthor != author)
            {
                await GrainFactory.GetGrain<INotificationsGrain>(originalAuthor).RemoveAsync(NotificationType.Reblog, author, originalId);
            }

            await GrainFactory.GetGrain<INotificationsGrain>(author).RemoveForStatusAsync(status.Id);
            foreach (var recipient in MentionRecipients(status))
            {
                await GrainFactory.GetGrain<INotificationsGrain>(recipient).RemoveForStatusAsync(status.Id);
            }

            if (status.InReplyToId is { } parentId)
            {
                await GrainFactory.GetGrain<IStatusGrain>(parentId).RepliesChangedAsync(status.Id, -1);
            }
        }

        await NotifyFollowersAsync(created, deleted, notifiedFollowers);

        // A deleted original takes its reblogs with it, and the rebloggers' notifications about it (its edits); each
        // reblog's grain publishes its own "deleted" event.
        await BoundedConcurrency.ForEachAsync(reblogsOfDeleted, _options.FanoutConcurrency, async reblog =>
        {
            await GrainFactory.GetGrain<INotificationsGrain>(reblog.AccountId).RemoveForStatusAsync(reblog.ReblogOfId!.Value);
            await GrainFactory.GetGrain<IStatusGrain>(reblog.Id).DeleteAsync(reblog.AccountId);
        });
    }

    // Mastodon's "status" notifications (FeedInsertWorker#notify?): originals and self-replies, not direct ones.
    private static bool NotifiesFollowers(StatusSnapshot status) =>
        status.ReblogOfId is null
        && status.Visibility != StatusVisibility.Direct
        && (status.InReplyToAccountId is null || status.InReplyToAccountId == status.AccountId);

    // The followers who asked to be notified of the author's statuses: known from the push's follower pages, or read
    // once for the whole batch (a big author's statuses are not pushed).
    private async Task NotifyFollowersAsync(List<StatusSnapshot> created, List<StatusSnapshot> deleted, List<long>? notifiedFollowers)
    {
        var added = created.FindAll(NotifiesFollowers);
        var removed = deleted.FindAll(NotifiesFollowers);
        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var author = Author;
        if (notifiedFollowers is not null)
        {
            await BoundedConcurrency.ForEachAsync(notifiedFollowers, _options.FanoutConcurrency, NotifyOneAsync);
        }
        else
        {
            await ForEachPagedAsync(
                after => store.ListNotifiedFollowerIdsAsync(author, after, _options.FanoutPageSize, CancellationToken.None),
                static follower => follower,
                NotifyOneAsync);
        }

        async Task NotifyOneAsync(long follower)
        {
            var notifications = GrainFactory.GetGrain<INotificationsGrain>(follower);
            foreach (var status in added)
            {
                await notifications.AddAsync(NotificationType.Status, author, status.Id);
            }

            foreach (var status in removed)
            {
                await notifications.RemoveForStatusAsync(status.Id);
            }
        }
    }

    // Runs the action for every row of a paged list (ascending by the cursor: account ids of followers, ids of reblogs).
    private async Task ForEachPagedAsync<T>(Func<long, Task<IReadOnlyList<T>>> readPageAfter, Func<T, long> cursorOf, Func<T, Task> action)
    {
        var after = 0L;
        while (true)
        {
            var page = await readPageAfter(after);
            await BoundedConcurrency.ForEachAsync(page, _options.FanoutConcurrency, action);
            if (page.Count < _options.FanoutPageSize)
            {
                return;
            }

            after = cursorOf(page[^1]);
        }
    }

    // (4) Live channels: the author's own (every status but direct ones, for list streams); Mastodon's public stream,
    // public statuses that are neither reblogs nor replies to someone else; hashtag streams. Edits go as "status.update".
    private void PublishLive(List<StatusSnapshot> created, List<StatusSnapshot> deleted, List<StatusSnapshot> edited)
    {
        // Creations first, so a status created and edited in one batch is not updated before it appears.
        foreach (var status in created)
        {
            Publish(status, LiveEventKind.Update);
        }

        foreach (var status in edited)
        {
            Publish(status, LiveEventKind.StatusUpdate);
        }

        foreach (var status in deleted)
        {
            Publish(status, LiveEventKind.Delete);

            // Mentioned accounts saw it in their notifications and conversations even without following the author, so
            // their user streams hear of the deletion too (Mastodon's "affected" accounts); a follower may hear twice.
            foreach (var mentioned in status.MentionedAccountIds())
            {
                if (mentioned != status.AccountId)
                {
                    liveFeed.Publish(LiveChannel.User(mentioned), new LiveEvent(LiveEventKind.Delete, status.Id));
                }
            }
        }

        void Publish(StatusSnapshot status, LiveEventKind kind)
        {
            if (status.Visibility != StatusVisibility.Direct)
            {
                liveFeed.Publish(LiveChannel.Author(status.AccountId), new LiveEvent(kind, status.Id));
            }

            if (IsOnPublicStream(status))
            {
                liveFeed.Publish(LiveChannel.Public, new LiveEvent(kind, status.Id));
            }

            // Hashtag streams carry what the tag timelines list: public originals, replies included.
            if (status.Visibility == StatusVisibility.Public && status.ReblogOfId is null && !status.Tags.IsDefault)
            {
                foreach (var tag in status.Tags)
                {
                    liveFeed.Publish(LiveChannel.Tag(tag), new LiveEvent(kind, status.Id));
                }
            }
        }
    }

    // The public timeline's rule too: the stores' PublicStatusesWhere says it in SQL.
    private static bool IsOnPublicStream(StatusSnapshot status) =>
        status.Visibility == StatusVisibility.Public
        && status.ReblogOfId is null
        && (status.InReplyToAccountId is null || status.InReplyToAccountId == status.AccountId);

    // Mentioned accounts (silently mentioned ones too, which only a deletion finds: their notifications go with it) and
    // the author replied to, once each, never the author.
    private static List<long> MentionRecipients(StatusSnapshot status)
    {
        var recipients = new List<long>(status.Mentions.Length + 1);
        foreach (var mentioned in status.MentionedAccountIds())
        {
            if (mentioned != status.AccountId && !recipients.Contains(mentioned))
            {
                recipients.Add(mentioned);
            }
        }

        // The author replied to is told even when not mentioned, unless that would show them a status they may not see.
        if (status.InReplyToAccountId is { } repliedTo
            && repliedTo != status.AccountId
            && status.Visibility is StatusVisibility.Public or StatusVisibility.Unlisted
            && !recipients.Contains(repliedTo))
        {
            recipients.Add(repliedTo);
        }

        return recipients;
    }

    private async Task<IReadOnlyList<long>> MentionedFollowersAsync(StatusSnapshot status)
    {
        var mentioned = new List<long>(status.Mentions.Length);
        foreach (var accountId in status.MentionedAccountIds())
        {
            if (accountId != status.AccountId)
            {
                mentioned.Add(accountId);
            }
        }

        return mentioned.Count == 0 ? [] : await store.FilterFollowersAsync(status.AccountId, mentioned, CancellationToken.None);
    }

    private static List<long> AllIds(List<StatusSnapshot> statuses)
    {
        var ids = new List<long>(statuses.Count);
        foreach (var status in statuses)
        {
            ids.Add(status.Id);
        }

        return ids;
    }
}
