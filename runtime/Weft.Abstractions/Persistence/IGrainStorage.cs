namespace Weft.Persistence;

/// <summary>
/// A storage provider for grain state. Providers store opaque bytes (the runtime serializes state) under a
/// <see cref="GrainStateKey"/> with a version ETag. Every write is conditional on the caller's ETag: null means
/// "no record may exist", and two racing first writes can never both succeed.
/// </summary>
public interface IGrainStorage
{
    /// <summary>
    /// Prepares the store (creates the schema idempotently) and checks it can be reached. Called at silo start-up;
    /// failures name the setting to fix.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads a record; null when none was ever written. A cleared record comes back with null
    /// <see cref="StoredGrainState.Data"/> and its ETag.
    /// </summary>
    Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>Writes a record if its current ETag equals <paramref name="etag"/>, and returns the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken);

    /// <summary>
    /// Clears a record if its current ETag equals <paramref name="etag"/>, and returns the new ETag (the record is
    /// kept as a tombstone, so an old ETag can never match a later record). Clearing with a null ETag where no record
    /// exists does nothing and returns null.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string?> ClearAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken);
}
