using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Conversations;

/// <summary>
/// One user's conversations (Mastodon's): direct statuses grouped by thread and by who takes part, newest first. Keyed
/// by the user's account id; the status fan-out adds and removes statuses.
/// </summary>
public interface IConversationsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds a direct status to the conversation of its thread (<see cref="Statuses.StatusSnapshot.ThreadRoot"/>) and its
    /// participants (the author and the mentioned accounts), started if needed; it is unread unless the user wrote it.
    /// Adding a status twice changes nothing.
    /// </summary>
    Task AddAsync(long statusId, long authorId, ImmutableArray<long> participants, long threadId);

    /// <summary>Takes a deleted status out; a conversation left without statuses goes.</summary>
    Task RemoveStatusAsync(long statusId);

    /// <summary>One conversation, or null.</summary>
    [ReadOnly]
    Task<Conversation?> GetAsync(long conversationId);

    /// <summary>A page of conversations, newest last status first (the cursors are last status ids).</summary>
    [ReadOnly]
    Task<Page<Conversation>> ListAsync(PageRequest page);

    /// <summary>Marks a conversation read; null if there is none.</summary>
    Task<Conversation?> MarkReadAsync(long conversationId);

    /// <summary>Removes a conversation from the list (a new status brings it back); false if there was none.</summary>
    Task<bool> RemoveAsync(long conversationId);
}
