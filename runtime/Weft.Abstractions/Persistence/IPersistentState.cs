namespace Weft;

/// <summary>
/// A named piece of grain state persisted by a storage provider. Declare it as a constructor parameter marked
/// with <see cref="PersistentStateAttribute"/>; the runtime reads it before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
/// <typeparam name="TState">The state type; serialized as JSON.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The in-memory state. A new <typeparamref name="TState"/> until a stored record is read.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last read or wrote; null if none exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored record, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <see cref="State"/>, conditional on <see cref="Etag"/>.
    /// </summary>
    /// <exception cref="InconsistentStateException">The record was changed elsewhere since it was read. The runtime
    /// then deactivates the activation, so the next call reads the current record.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored record (conditional on <see cref="Etag"/>) and resets <see cref="State"/>.</summary>
    /// <exception cref="InconsistentStateException">The record was changed elsewhere since it was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
