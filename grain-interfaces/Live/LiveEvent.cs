namespace Weft.GrainInterfaces.Live;

/// <summary>Something to push to connected streaming clients; they fetch what it names as the viewer.</summary>
/// <param name="Kind">The Mastodon streaming event.</param>
/// <param name="Id">
/// The status id (update, delete), notification id (notification), conversation id (conversation) or list id (list changed).
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

    /// <summary>A list's members or replies policy changed, or it was deleted: no Mastodon event, read by list streams.</summary>
    ListChanged,
}
