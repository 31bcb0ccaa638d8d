using System.Globalization;
using Weft.GrainInterfaces.Conversations;

namespace Weft.Api.Mastodon;

/// <summary>Renders conversations for their owner: the other participants and the last status as the owner sees it.</summary>
public sealed class ConversationRenderer(AccountRenderer accounts, StatusRenderer statuses)
{
    /// <summary>The entity, or null while its last status cannot be seen (deleted meanwhile): left out until it changes.</summary>
    public async ValueTask<ConversationEntity?> RenderAsync(Conversation conversation, long viewerId, string origin)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (await statuses.LoadAsync(conversation.LastStatusId, viewerId, origin).ConfigureAwait(false) is not { } lastStatus)
        {
            return null;
        }

        var participants = new List<Account>(conversation.AccountIds.Length);
        foreach (var accountId in conversation.AccountIds)
        {
            if (await accounts.LoadAsync(accountId, origin).ConfigureAwait(false) is { } account)
            {
                participants.Add(account);
            }
        }

        return new ConversationEntity
        {
            Id = conversation.Id.ToString(CultureInfo.InvariantCulture),
            Unread = conversation.Unread,
            Accounts = participants,
            LastStatus = lastStatus,
        };
    }
}
