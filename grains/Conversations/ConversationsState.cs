namespace Weft.Grains.Conversations;

/// <summary>What a conversations grain stores: the user's conversations, newest last status first.</summary>
public sealed class ConversationsState
{
    public List<StoredConversation> Conversations { get; set; } = [];
}

/// <summary>One conversation as stored.</summary>
public sealed class StoredConversation
{
    public long Id { get; set; }

    /// <summary>The other participants, in id order: with the thread, the conversation's identity.</summary>
    public List<long> AccountIds { get; set; } = [];

    /// <summary>
    /// The thread (<see cref="GrainInterfaces.Statuses.StatusSnapshot.ThreadRoot"/>); null in conversations stored before
    /// threads were told apart, which take the thread of the next status added to them.
    /// </summary>
    public long? ThreadId { get; set; }

    /// <summary>Its newest statuses, newest first (older ones are forgotten past a bound).</summary>
    public List<long> StatusIds { get; set; } = [];

    public bool Unread { get; set; }
}
