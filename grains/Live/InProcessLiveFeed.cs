using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Weft.GrainInterfaces.Live;

namespace Weft.Grains.Live;

/// <summary>
/// The live feed inside one process: per channel a copy-on-write array of handlers, so publishing reads one array
/// without locking, and subscribing or leaving copies it under a lock. A handler that throws is logged and skipped;
/// the publisher never sees it.
/// </summary>
public sealed class InProcessLiveFeed(ILogger<InProcessLiveFeed> logger) : ILiveFeed
{
    private readonly ConcurrentDictionary<string, Action<LiveEvent>[]> _channels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void Publish(LiveChannel channel, LiveEvent liveEvent)
    {
        if (channel.Name is null || !_channels.TryGetValue(channel.Name, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(liveEvent);
            }
            catch (Exception e)
            {
                LiveLog.HandlerFailed(logger, e, channel.Name);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(LiveChannel channel, Action<LiveEvent> onEvent)
    {
        ArgumentNullException.ThrowIfNull(channel.Name);
        ArgumentNullException.ThrowIfNull(onEvent);
        lock (_gate)
        {
            _channels[channel.Name] = _channels.TryGetValue(channel.Name, out var handlers) ? [.. handlers, onEvent] : [onEvent];
        }

        return new LiveSubscription(this, channel.Name, onEvent);
    }

    internal void Unsubscribe(string channel, Action<LiveEvent> onEvent)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var handlers))
            {
                return;
            }

            var index = Array.IndexOf(handlers, onEvent);
            if (index < 0)
            {
                return;
            }

            if (handlers.Length == 1)
            {
                _channels.TryRemove(channel, out _);
                return;
            }

            var remaining = new Action<LiveEvent>[handlers.Length - 1];
            Array.Copy(handlers, 0, remaining, 0, index);
            Array.Copy(handlers, index + 1, remaining, index, handlers.Length - index - 1);
            _channels[channel] = remaining;
        }
    }
}
