using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Statuses;

/// <summary>
/// What a status grain stores: the content, written when created, edited or deleted, its earlier versions, and whether
/// its author pinned it. Marks and counts live in the social store.
/// </summary>
public sealed class StatusState
{
    /// <summary>The status; null until created.</summary>
    public StatusSnapshot? Status { get; set; }

    /// <summary>Earlier versions of the content, oldest first; empty until the first edit.</summary>
    public List<StatusRevision> History { get; set; } = [];

    /// <summary>Whether the author pinned it to their profile (the author's view shows it).</summary>
    public bool Pinned { get; set; }

    /// <summary>
    /// True from creation until the first favourite, bookmark, reblog or reply, which clears it and writes it before
    /// its row reaches the social store: an activation of a status that still has it reads nothing from the store.
    /// False for statuses stored before it existed, which read their marks as before.
    /// </summary>
    public bool NoMarks { get; set; }
}
