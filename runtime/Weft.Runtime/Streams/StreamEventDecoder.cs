using System.Diagnostics.CodeAnalysis;
using Weft.Runtime.Serialization;

namespace Weft.Runtime.Streams;

/// <summary>
/// Reads stored stream events as their consumers receive them, for code that works on a queue's encoded events (an
/// outbox projection, say) rather than through a consumer grain.
/// </summary>
public sealed class StreamEventDecoder
{
    private readonly JsonGrainCodec _codec;

    internal StreamEventDecoder(JsonGrainCodec codec) => _codec = codec;

    /// <summary>The event type stored with events published as <typeparamref name="T"/>.</summary>
    public static string EventTypeOf<T>() => EventTypeName<T>.Value;

    /// <summary>
    /// The event <paramref name="streamEvent"/> holds if it was published as <typeparamref name="T"/> (its
    /// <see cref="EncodedStreamEvent.Published"/> object, or else its payload decoded); false for other types.
    /// </summary>
    /// <exception cref="InvalidOperationException">The payload is not a valid <typeparamref name="T"/>.</exception>
    public bool TryDecode<T>(EncodedStreamEvent streamEvent, [NotNullWhen(true)] out T? value)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (!string.Equals(streamEvent.EventType, EventTypeName<T>.Value, StringComparison.Ordinal))
        {
            value = default;
            return false;
        }

        // An event on its way in is at hand already; one read back from a queue is decoded.
        value = streamEvent.Published is T published ? published : _codec.Deserialize<T>(streamEvent.Payload)!;
        return true;
    }

    private static class EventTypeName<T>
    {
        public static readonly string Value = typeof(T).FullName ?? typeof(T).Name;
    }
}
