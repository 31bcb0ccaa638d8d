namespace Weft.GrainInterfaces.Live;

/// <summary>Something to push to connected streaming clients; they fetch what it names as the viewer.</summary>
/// <param name="Kind">The Mastodon streaming event.</param>
/// <param name="Id">
/// The status id (update, delete), notification id (notification), conversation id (conversation), list id (list
/// changed) or account id (list member added or removed).
/// </param>
public sealed record LiveEvent(LiveEventKind Kind, long Id);

/// <summary>Mastodon streaming event names.</summary>
public enum LiveEventKind
{
    /// <summary>"update": a status appeared.</summary>
    Update,

    /// <summary>"delete": a status was deleted.</summary>
    Delete,

    /// <summary>"notification": a notification arrived.</summary>
    Notification,

    /// <summary>"status.update": a status was edited.</summary>
    StatusUpdate,

    /// <summary>"conversation": a direct conversation changed (on the direct stream only).</summary>
    Conversation,

    /// <summary>A list's settings changed: no Mastodon event; list streams read the list again.</summary>
    ListChanged,

    /// <summary>A list was deleted: no Mastodon event; list streams go quiet.</summary>
    ListDeleted,

    /// <summary>An account joined a list: no Mastodon event; list streams listen to it from now on.</summary>
    ListMemberAdded,

    /// <summary>An account left a list: no Mastodon event; list streams stop listening to it.</summary>
    ListMemberRemoved,
}
