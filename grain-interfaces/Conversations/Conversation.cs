using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Conversations;

/// <summary>One of a user's conversations: the direct statuses exchanged with the same accounts.</summary>
/// <param name="Id">Its id, the user's own (a snowflake).</param>
/// <param name="AccountIds">The other participants, in id order.</param>
/// <param name="LastStatusId">The newest status of the conversation.</param>
/// <param name="Unread">Whether the user has not read it since someone else wrote in it.</param>
public sealed record Conversation(long Id, ImmutableArray<long> AccountIds, long LastStatusId, bool Unread);
