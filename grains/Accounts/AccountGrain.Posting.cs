using System.Collections.Immutable;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Text;

namespace Weft.Grains.Accounts;

/// <summary>Posting: idempotency keys, replies, mentions.</summary>
public sealed partial class AccountGrain
{
    public async Task<PostStatusResult> PostStatusAsync(StatusDraft draft, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (state.State.Profile is null)
        {
            return new PostStatusResult(null, PostStatusError.AccountNotFound);
        }

        var id = Id;
        var reserved = FindIdempotencyKey(idempotencyKey);
        if (reserved is { } earlierId && await GrainFactory.GetGrain<IStatusGrain>(earlierId).GetAsync(id) is { } earlier)
        {
            return new PostStatusResult(earlier.Status, null);
        }

        long? inReplyToId = null;
        long? inReplyToAccountId = null;
        long? threadId = null;
        if (draft.InReplyToId is { } parentId)
        {
            var parent = parentId > 0 ? await GrainFactory.GetGrain<IStatusGrain>(parentId).GetAsync(id) : null;
            if (parent is null)
            {
                return new PostStatusResult(null, PostStatusError.ReplyTargetNotFound);
            }

            // A reply to a reblog replies to the original, as the reblog itself has no text to reply to.
            inReplyToId = parent.Status.ReblogOfId ?? parent.Status.Id;
            inReplyToAccountId = parent.Status.ReblogOfAccountId ?? parent.Status.AccountId;

            // The parent's thread; a reblog does not carry its original's, which the original's grain tells (a rare call).
            threadId = parent.Status.ReblogOfId is { } originalId
                ? (await GrainFactory.GetGrain<IStatusGrain>(originalId).GetAsync(id))?.Status.ThreadRoot() ?? originalId
                : parent.Status.ThreadRoot();
            await GrainFactory.GetGrain<IStatusGrain>(inReplyToId.Value).ExpectReplyAsync();
        }

        // Reserve the id before creating: a retry after a crash between the two steps reuses it, and creating is idempotent.
        long statusId;
        if (reserved is { } reservedId)
        {
            statusId = reservedId;
        }
        else
        {
            statusId = ids.NextId();
            if (!string.IsNullOrEmpty(idempotencyKey))
            {
                await RememberIdempotencyKeyAsync(idempotencyKey, statusId);
            }
        }

        var parsed = StatusTextParser.Parse(draft.Text ?? string.Empty);
        var createdAt = SnowflakeId.GetTimestamp(statusId);

        // What the client left out comes from the account's defaults (Mastodon's source privacy, sensitive, language).
        var defaults = CurrentPostingDefaults;
        var status = new StatusSnapshot(
            statusId,
            id,
            createdAt,
            draft.Visibility ?? defaults.Visibility,
            draft.Text ?? string.Empty,
            draft.SpoilerText ?? string.Empty,
            IsSensitive(draft, defaults.Sensitive),
            draft.Language ?? defaults.Language,
            inReplyToId,
            inReplyToAccountId,
            ReblogOfId: null,
            ReblogOfAccountId: null,
            await ResolveMentionsAsync(parsed.MentionedUsernames),
            parsed.Tags,
            draft.ApplicationName,
            RepliesCount: 0,
            ReblogsCount: 0,
            FavouritesCount: 0,
            Deleted: false,
            Version: 0,
            ThreadId: threadId);
        var created = await GrainFactory.GetGrain<IStatusGrain>(statusId).CreateAsync(status);
        if (created.Deleted)
        {
            // A retry under an idempotency key whose status was deleted since: creating is idempotent, so the deleted
            // one answers; it is gone, not posted again.
            return new PostStatusResult(null, PostStatusError.IdempotentStatusDeleted);
        }

        // A direct status is not counted, as in Mastodon: the count would tell others of statuses they cannot see.
        if (created.Visibility != StatusVisibility.Direct)
        {
            await StatusCountChangedAsync(+1, created.CreatedAt);
        }

        // The reply is indexed in its own transaction, so the parent can count it now, before the fan-out tells it too
        // (which counts again): a client that reads the thread after posting sees its reply counted, as in Mastodon.
        if (created.InReplyToId is { } repliedTo)
        {
            try
            {
                await GrainFactory.GetGrain<IStatusGrain>(repliedTo).RepliesChangedAsync(statusId, +1);
            }
            catch (Exception e)
            {
                AccountLog.ReplyNotCounted(logger, e, id, statusId);
            }
        }

        AccountLog.Posted(logger, id, statusId);
        return new PostStatusResult(created, null);
    }

    public async Task<StatusActionResult> EditStatusAsync(long statusId, StatusDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (state.State.Profile is null || statusId <= 0)
        {
            return StatusActionResult.NotFound;
        }

        var text = draft.Text ?? string.Empty;
        var spoilerText = draft.SpoilerText ?? string.Empty;
        var parsed = StatusTextParser.Parse(text);
        var edit = new StatusEdit(
            text,
            spoilerText,
            IsSensitive(draft, unsaid: false),
            draft.Language,
            await ResolveMentionsAsync(parsed.MentionedUsernames),
            parsed.Tags);
        return await GrainFactory.GetGrain<IStatusGrain>(statusId).EditAsync(Id, edit);
    }

    public async Task<StatusActionResult> PinAsync(long statusId)
    {
        if (await VisibleStatusAsync(statusId) is not { } view)
        {
            return StatusActionResult.NotFound;
        }

        if (view.Status.AccountId != Id)
        {
            return StatusActionResult.Forbidden; // someone else's, as Mastodon answers: 422
        }

        var before = state.State.PinnedStatusIds;
        if (before.Contains(statusId))
        {
            await GrainFactory.GetGrain<IStatusGrain>(statusId).SetPinnedAsync(true); // a mark lost before is set again
            return new StatusActionResult(view with { Pinned = true }, null);
        }

        // Pins of statuses deleted since do not count, and go.
        var live = new List<long>(before.Count);
        foreach (var pinned in before)
        {
            if (await OwnStatusAsync(pinned) is not null)
            {
                live.Add(pinned);
            }
        }

        // Mastodon's rules: no reblogs, no direct statuses, at most five.
        if (view.Status.ReblogOfId is not null || view.Status.Visibility == StatusVisibility.Direct || live.Count >= MaxPinnedStatuses)
        {
            return StatusActionResult.Forbidden;
        }

        state.State.PinnedStatusIds = [statusId, .. live];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.PinnedStatusIds = before;
            throw;
        }

        // The list is the truth; the status's mark follows it (a failure here leaves the pin listed, and pinning again
        // sets the mark).
        await GrainFactory.GetGrain<IStatusGrain>(statusId).SetPinnedAsync(true);
        return new StatusActionResult(view with { Pinned = true }, null);
    }

    public async Task<StatusActionResult> UnpinAsync(long statusId)
    {
        // A pin goes even if its status was deleted meanwhile (then the answer is 404, as for any missing status); a
        // visible status that was never pinned, someone else's too, is answered as it is.
        var view = await VisibleStatusAsync(statusId);
        var pins = state.State.PinnedStatusIds;
        var index = pins.IndexOf(statusId);
        if (index >= 0)
        {
            pins.RemoveAt(index);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                pins.Insert(index, statusId);
                throw;
            }
        }

        if (view is null)
        {
            return StatusActionResult.NotFound;
        }

        if (view.Status.AccountId == Id)
        {
            await GrainFactory.GetGrain<IStatusGrain>(statusId).SetPinnedAsync(false);
        }

        return new StatusActionResult(view with { Pinned = false }, null);
    }

    public async Task<ImmutableArray<long>> GetPinnedAsync()
    {
        ImmutableArray<long> pinned = [.. state.State.PinnedStatusIds];

        // Once per activation, the statuses' marks are brought in line with the list (pins made before statuses kept a
        // mark, or a mark whose write failed); setting a mark that is set costs nothing.
        if (!_pinMarksChecked)
        {
            foreach (var statusId in pinned)
            {
                await GrainFactory.GetGrain<IStatusGrain>(statusId).SetPinnedAsync(true);
            }

            _pinMarksChecked = true;
        }

        return pinned;
    }

    // This account's status as it sees it, or null if it is missing, deleted or someone else's.
    private async Task<StatusView?> OwnStatusAsync(long statusId) =>
        await VisibleStatusAsync(statusId) is { } view && view.Status.AccountId == Id ? view : null;

    // A status as this account sees it, or null if it is missing, deleted or hidden from it.
    private async Task<StatusView?> VisibleStatusAsync(long statusId) =>
        state.State.Profile is null || statusId <= 0 ? null : await GrainFactory.GetGrain<IStatusGrain>(statusId).GetAsync(Id);

    // A content warning hides the content, as Mastodon's: it makes the status sensitive. Left out, the flag is unsaid.
    private static bool IsSensitive(StatusDraft draft, bool unsaid) => (draft.Sensitive ?? unsaid) || !string.IsNullOrWhiteSpace(draft.SpoilerText);

    private long? FindIdempotencyKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var oldest = timeProvider.GetUtcNow() - s_idempotencyKeyLifetime;
        foreach (var record in state.State.IdempotencyKeys)
        {
            if (record.CreatedAt >= oldest && string.Equals(record.Key, key, StringComparison.Ordinal))
            {
                return record.StatusId;
            }
        }

        return null;
    }

    private async Task RememberIdempotencyKeyAsync(string key, long statusId)
    {
        var keys = state.State.IdempotencyKeys;
        var before = keys.ToArray();
        var oldest = timeProvider.GetUtcNow() - s_idempotencyKeyLifetime;
        keys.RemoveAll(k => k.CreatedAt < oldest);
        if (keys.Count >= MaxIdempotencyKeys)
        {
            keys.RemoveRange(0, keys.Count - MaxIdempotencyKeys + 1);
        }

        keys.Add(new IdempotencyRecord(key, statusId, timeProvider.GetUtcNow()));
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.IdempotencyKeys = [.. before];
            throw;
        }
    }

    // Unknown names stay plain text. Mentions are resolved through the unique-name grains that registration claims.
    private async Task<ImmutableArray<Mention>> ResolveMentionsAsync(ImmutableArray<string> usernames)
    {
        if (usernames.IsEmpty)
        {
            return [];
        }

        var mentions = ImmutableArray.CreateBuilder<Mention>(usernames.Length);
        foreach (var username in usernames)
        {
            var accountId = await GrainFactory.GetGrain<IUniqueNameGrain>("username:" + username).GetAccountIdAsync();
            if (accountId is not { } mentionedId)
            {
                continue;
            }

            var account = mentionedId == Id ? Snapshot() : await GrainFactory.GetGrain<IAccountGrain>(mentionedId).GetAsync();
            if (account is not null)
            {
                mentions.Add(new Mention(mentionedId, account.Profile.Username));
            }
        }

        return mentions.ToImmutable();
    }
}
