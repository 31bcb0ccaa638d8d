namespace Weft.Streams;

/// <summary>A named, durable stream provider (configured under <c>Weft:Streams:&lt;name&gt;</c>).</summary>
public interface IStreamProvider
{
    /// <summary>The provider's name.</summary>
    string Name { get; }

    /// <summary>Returns the stream with the given id; events on it are of type <typeparamref name="T"/>.</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
