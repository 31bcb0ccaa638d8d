using System.Collections.Immutable;
using Weft.GrainInterfaces.Conversations;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Paging;
using Weft.Grains.Ids;

namespace Weft.Grains.Conversations;

/// <summary>
/// One user's conversations (key = account id), kept whole in the grain's state, newest last status first. Bounded:
/// the newest <see cref="MaxConversations"/> conversations, each remembering its newest <see cref="MaxStatuses"/>
/// statuses (enough to fall back on when the newest ones are deleted).
/// </summary>
public sealed class ConversationsGrain(
    [PersistentState("conversations", "Default")] IPersistentState<ConversationsState> state,
    SnowflakeIdGenerator ids,
    ILiveFeed liveFeed) : Grain, IConversationsGrain
{
    public const int MaxConversations = 500;
    public const int MaxStatuses = 20;

    private long Owner => GetPrimaryKeyLong();

    public async Task AddAsync(long statusId, long authorId, ImmutableArray<long> participants, long threadId)
    {
        if (participants.IsDefault)
        {
            throw new ArgumentNullException(nameof(participants));
        }

        var owner = Owner;
        var others = participants.Append(authorId).Where(id => id != owner && id > 0).Distinct().Order().ToList();
        var conversations = state.State.Conversations;
        // As Mastodon's AccountConversation: one per thread and set of participants.
        var conversation = conversations.Find(c => (c.ThreadId ?? threadId) == threadId && c.AccountIds.SequenceEqual(others));
        // Known already, or older than all it remembers (trimmed, or a late delivery to a full conversation): no change.
        if (conversation is not null
            && (conversation.StatusIds.Contains(statusId) || conversation.StatusIds.Count >= MaxStatuses && statusId < conversation.StatusIds[^1]))
        {
            return;
        }

        var before = Snapshot();
        if (conversation is null)
        {
            conversation = new StoredConversation { Id = ids.NextId(), AccountIds = others, ThreadId = threadId };
        }
        else
        {
            conversations.Remove(conversation);
            conversation.ThreadId = threadId;
        }

        // Statuses newest first: a late delivery of an older one goes to its place.
        var at = conversation.StatusIds.FindIndex(id => id < statusId);
        conversation.StatusIds.Insert(at < 0 ? conversation.StatusIds.Count : at, statusId);
        if (conversation.StatusIds.Count > MaxStatuses)
        {
            conversation.StatusIds.RemoveRange(MaxStatuses, conversation.StatusIds.Count - MaxStatuses);
        }

        // As Mastodon's: unread unless the user wrote the newest status.
        if (conversation.StatusIds[0] == statusId)
        {
            conversation.Unread = authorId != owner;
        }
        Place(conversation);
        if (conversations.Count > MaxConversations)
        {
            conversations.RemoveRange(MaxConversations, conversations.Count - MaxConversations);
        }

        await WriteOrRestoreAsync(before);
        liveFeed.Publish(LiveChannel.User(owner), new LiveEvent(LiveEventKind.Conversation, conversation.Id));
    }

    public Task<Conversation?> GetAsync(long conversationId) =>
        Task.FromResult(state.State.Conversations.Find(c => c.Id == conversationId) is { } conversation ? ToConversation(conversation) : null);

    public async Task RemoveStatusAsync(long statusId)
    {
        var conversation = state.State.Conversations.Find(c => c.StatusIds.Contains(statusId));
        if (conversation is null)
        {
            return;
        }

        var before = Snapshot();
        state.State.Conversations.Remove(conversation);
        conversation.StatusIds.Remove(statusId);
        if (conversation.StatusIds.Count > 0)
        {
            Place(conversation);
        }

        await WriteOrRestoreAsync(before);
    }

    public Task<Page<Conversation>> ListAsync(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var taken = page.Take(state.State.Conversations, c => c.StatusIds[0]);
        return Task.FromResult(taken.Count == 0
            ? Page<Conversation>.Empty
            : new Page<Conversation>([.. taken.Select(ToConversation)], taken[0].StatusIds[0], taken[^1].StatusIds[0]));
    }

    public async Task<Conversation?> MarkReadAsync(long conversationId)
    {
        if (state.State.Conversations.Find(c => c.Id == conversationId) is not { } conversation)
        {
            return null;
        }

        if (conversation.Unread)
        {
            conversation.Unread = false;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                conversation.Unread = true;
                throw;
            }
        }

        return ToConversation(conversation);
    }

    public async Task<bool> RemoveAsync(long conversationId)
    {
        var index = state.State.Conversations.FindIndex(c => c.Id == conversationId);
        if (index < 0)
        {
            return false;
        }

        var before = Snapshot();
        state.State.Conversations.RemoveAt(index);
        await WriteOrRestoreAsync(before);
        return true;
    }

    private static Conversation ToConversation(StoredConversation conversation) =>
        new(conversation.Id, [.. conversation.AccountIds], conversation.StatusIds[0], conversation.Unread);

    // Into the list by newest status, newest first.
    private void Place(StoredConversation conversation)
    {
        var conversations = state.State.Conversations;
        var at = conversations.FindIndex(c => c.StatusIds[0] < conversation.StatusIds[0]);
        conversations.Insert(at < 0 ? conversations.Count : at, conversation);
    }

    // A deep copy, to put memory back as it was should the write fail.
    private List<StoredConversation> Snapshot() =>
        [.. state.State.Conversations.Select(c => new StoredConversation { Id = c.Id, AccountIds = [.. c.AccountIds], ThreadId = c.ThreadId, StatusIds = [.. c.StatusIds], Unread = c.Unread })];

    private async Task WriteOrRestoreAsync(List<StoredConversation> before)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Conversations = before;
            throw;
        }
    }
}
