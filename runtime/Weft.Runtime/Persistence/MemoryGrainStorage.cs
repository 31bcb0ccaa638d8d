using Weft.Persistence;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Runtime.Persistence;

/// <summary>
/// Keeps grain state in process memory, for tests and single-silo development. It follows the same contract as the
/// database providers: versioned ETags, conditional writes, tombstones on clear. Stored bytes are copied in and out,
/// so a caller can never change a stored record by mutating its buffer. Everything is lost when the process ends.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<GrainStateKey, Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry))
            {
                return Task.FromResult<StoredGrainState?>(null);
            }
        }

        // The stored array is never mutated after it is stored, so it can be copied outside the lock.
        return Task.FromResult<StoredGrainState?>(new StoredGrainState(entry.Data?.ToArray(), FormatEtag(entry.Version)));
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var expected = ParseEtag(key, etag);
        var copy = data.ToArray();
        long version;
        lock (_gate)
        {
            version = CheckVersion(key, expected, etag) + 1;
            _entries[key] = new Entry(copy, version);
        }

        return Task.FromResult(FormatEtag(version));
    }

    /// <inheritdoc />
    public Task<string?> ClearAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var expected = ParseEtag(key, etag);
        long version;
        lock (_gate)
        {
            if (expected is null && !_entries.ContainsKey(key))
            {
                return Task.FromResult<string?>(null);
            }

            version = CheckVersion(key, expected, etag) + 1;
            _entries[key] = new Entry(null, version);
        }

        return Task.FromResult<string?>(FormatEtag(version));
    }

    /// <summary>Returns the stored version (0 when none) if it matches <paramref name="expected"/>; throws otherwise.</summary>
    private long CheckVersion(GrainStateKey key, long? expected, string? etag)
    {
        var exists = _entries.TryGetValue(key, out var current);
        if (expected is null ? exists : !exists || current.Version != expected.Value)
        {
            throw new InconsistentStateException(
                $"Grain state {key} was changed elsewhere: stored ETag {(exists ? FormatEtag(current.Version) : "(none)")}, " +
                $"this activation holds {etag ?? "(none)"}. The activation will reload the state.",
                exists ? FormatEtag(current.Version) : null,
                etag);
        }

        return exists ? current.Version : 0;
    }

    private readonly record struct Entry(byte[]? Data, long Version);
}
