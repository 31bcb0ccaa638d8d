namespace Weft.GrainInterfaces.Notifications;

/// <summary>Mastodon's notification types that Weft produces. A reply notifies the replied-to author as a mention, as in Mastodon.</summary>
public enum NotificationType
{
    /// <summary>Someone followed you.</summary>
    Follow,

    /// <summary>Someone favourited your status.</summary>
    Favourite,

    /// <summary>Someone reblogged your status.</summary>
    Reblog,

    /// <summary>Someone mentioned you or replied to you.</summary>
    Mention,

    /// <summary>Someone you follow with notifications on posted a status.</summary>
    Status,

    /// <summary>A status you reblogged was edited.</summary>
    Update,
}
