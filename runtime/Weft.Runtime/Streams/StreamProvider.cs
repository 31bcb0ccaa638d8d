using Weft.Runtime.Serialization;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>A named stream provider: streams over one durable queue.</summary>
internal sealed class StreamProvider(string name, IStreamQueue queue, StreamProviderOptions options, JsonGrainCodec codec) : IStreamProvider
{
    public string Name { get; } = name;

    public IStreamQueue Queue { get; } = queue;

    public StreamProviderOptions Options { get; } = options;

    public JsonGrainCodec Codec { get; } = codec;

    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        StreamNamespace.Validate(streamId.Namespace);
        GrainId.ValidateKey(streamId.Key, nameof(streamId));
        return new AsyncStream<T>(this, streamId);
    }
}
