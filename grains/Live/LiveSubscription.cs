using Weft.GrainInterfaces.Live;

namespace Weft.Grains.Live;

/// <summary>A subscription to an <see cref="InProcessLiveFeed"/> channel; disposing it (once or more) leaves the channel.</summary>
internal sealed class LiveSubscription(InProcessLiveFeed feed, string channel, Action<LiveEvent> onEvent) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            feed.Unsubscribe(channel, onEvent);
        }
    }
}
