using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Statuses;

/// <summary>What a status grain stores: the content, written once (and once more when deleted). Marks and counts live in the social store.</summary>
public sealed class StatusState
{
    /// <summary>The status; null until created.</summary>
    public StatusSnapshot? Status { get; set; }
}
