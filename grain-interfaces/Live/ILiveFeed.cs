namespace Weft.GrainInterfaces.Live;

/// <summary>
/// Best-effort push of live events from grains to connected streaming clients. Events are hints: what they name is
/// durable elsewhere, and a client that misses one catches up by reading its timeline. In-process today (the API
/// co-hosts the silo); a separate API process will receive them over the cluster connection.
/// </summary>
public interface ILiveFeed
{
    /// <summary>Delivers the event to current subscribers of the channel; never blocks on a slow subscriber.</summary>
    void Publish(LiveChannel channel, LiveEvent liveEvent);

    /// <summary>Subscribes until the returned handle is disposed; <paramref name="onEvent"/> must not block.</summary>
    IDisposable Subscribe(LiveChannel channel, Action<LiveEvent> onEvent);
}
