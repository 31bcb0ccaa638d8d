using Weft.Persistence;
using Weft.Runtime.Serialization;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Runtime.Persistence;

/// <summary>A grain's named state, serialized by the codec and kept by a storage provider with ETag checks.</summary>
internal sealed class PersistentState<TState> : PersistentStateBase, IPersistentState<TState>
{
    private readonly GrainStateKey _key;
    private readonly string _storageName;
    private readonly IGrainStorage _storage;
    private readonly JsonGrainCodec _codec;

    public PersistentState(GrainStateKey key, string storageName, IGrainStorage storage, JsonGrainCodec codec)
    {
        _key = key;
        _storageName = storageName;
        _storage = storage;
        _codec = codec;
        State = CreateEmpty();
    }

    public TState State { get; set; }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public override Task ReadStateAsync(CancellationToken cancellationToken) => ((IPersistentState<TState>)this).ReadStateAsync(cancellationToken);

    async Task IPersistentState<TState>.ReadStateAsync(CancellationToken cancellationToken)
    {
        var stored = await _storage.ReadAsync(_key, cancellationToken);
        if (stored?.Data is { } data)
        {
            State = _codec.Deserialize<TState>(data);
            RecordExists = true;
        }
        else
        {
            State = CreateEmpty();
            RecordExists = false;
        }

        Etag = stored?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await _storage.WriteAsync(_key, Serialize(), Etag, cancellationToken);
        RecordExists = true;
    }

    /// <summary>Writes the state and appends stream events in one transaction (the outbox).</summary>
    public async Task<long> WriteWithEventsAsync(
        IStreamQueue queue, StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        if (_storage is not IOutboxGrainStorage outbox)
        {
            throw new InvalidOperationException(
                $"Storage '{_storageName}' cannot write state and publish in one transaction: use a PostgreSql or Sqlite " +
                "storage provider in the same database as the stream provider.");
        }

        var result = await outbox.WriteWithEventsAsync(_key, Serialize(), Etag, queue, streamId, events, cancellationToken);
        Etag = result.Etag;
        RecordExists = true;
        return result.LastSequence;
    }

    private byte[] Serialize()
    {
        try
        {
            return _codec.Serialize(State);
        }
        catch (InvalidOperationException e)
        {
            throw new GrainStorageException($"State '{_key.StateName}' of grain {_key.GrainType}/{_key.GrainKey} cannot be written: {e.Message}", e);
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await _storage.ClearAsync(_key, Etag, cancellationToken);
        State = CreateEmpty();
        RecordExists = false;
    }

    private TState CreateEmpty()
    {
        try
        {
            return Activator.CreateInstance<TState>();
        }
        catch (MissingMethodException e)
        {
            throw new InvalidOperationException(
                $"State '{_key.StateName}' (storage '{_storageName}') has type {typeof(TState).FullName}, which needs a public parameterless constructor.", e);
        }
    }
}
