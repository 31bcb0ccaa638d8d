namespace Weft.GrainInterfaces.Statuses;

/// <summary>The outcome of an action on a status (favourite, reblog, bookmark, delete and their undos).</summary>
/// <param name="View">The status as the actor now sees it (for a reblog: the reblog itself), or null on error.</param>
/// <param name="Error">Null on success; otherwise why nothing changed.</param>
public sealed record StatusActionResult(StatusView? View, StatusActionError? Error)
{
    /// <summary>The status does not exist, is deleted, or is not visible to the actor.</summary>
    public static StatusActionResult NotFound { get; } = new(null, StatusActionError.NotFound);

    /// <summary>The actor may see the status but not do this to it.</summary>
    public static StatusActionResult Forbidden { get; } = new(null, StatusActionError.Forbidden);
}

/// <summary>Why an action on a status was refused.</summary>
public enum StatusActionError
{
    /// <summary>Missing, deleted or invisible to the actor (answered as 404 so private statuses do not leak).</summary>
    NotFound,

    /// <summary>Visible but not allowed: deleting someone else's status, reblogging a private or direct one.</summary>
    Forbidden,
}
