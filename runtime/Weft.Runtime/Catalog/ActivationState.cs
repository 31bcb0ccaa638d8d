namespace Weft.Runtime.Catalog;

/// <summary>The life of an activation.</summary>
internal enum ActivationState
{
    /// <summary>In the directory; activation not started yet.</summary>
    Created,

    /// <summary>Constructing the grain, reading its states, running OnActivateAsync; calls wait.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync; calls wait and then go to a new activation.</summary>
    Deactivating,

    /// <summary>Gone from the directory; calls that still hold it re-resolve.</summary>
    Invalid,
}
