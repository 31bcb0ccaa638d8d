namespace Weft.GrainInterfaces.Statuses;

/// <summary>
/// What happened to a status, published durably on the author's stream (<see cref="StatusStreams.Namespace"/>, key =
/// author id) in the same write as the status itself. Consumers are idempotent: events may arrive more than once.
/// </summary>
/// <param name="Kind">Created or deleted.</param>
/// <param name="Status">The status after the change.</param>
public sealed record StatusEvent(StatusEventKind Kind, StatusSnapshot Status);

/// <summary>The kinds of <see cref="StatusEvent"/>.</summary>
public enum StatusEventKind
{
    /// <summary>Posted (a status, reply or reblog).</summary>
    Created,

    /// <summary>Deleted by its author (or because its original was deleted, for a reblog).</summary>
    Deleted,

    /// <summary>Its text (and so its mentions and hashtags) was edited by its author.</summary>
    Edited,
}
