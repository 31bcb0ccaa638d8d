using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Statuses;

/// <summary>What a status grain stores: the content, written when created, edited or deleted, and its earlier versions. Marks and counts live in the social store.</summary>
public sealed class StatusState
{
    /// <summary>The status; null until created.</summary>
    public StatusSnapshot? Status { get; set; }

    /// <summary>Earlier versions of the content, oldest first; empty until the first edit.</summary>
    public List<StatusRevision> History { get; set; } = [];
}
