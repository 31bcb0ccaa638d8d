using Weft.GrainInterfaces.Markers;

namespace Weft.Grains.Markers;

/// <summary>What a markers grain stores: the marker of each timeline the user has set one for.</summary>
public sealed class MarkersState
{
    public Dictionary<string, Marker> Markers { get; set; } = [];
}
