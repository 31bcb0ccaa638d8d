using Microsoft.Extensions.Logging.Abstractions;
using Weft.GrainInterfaces.Live;
using Weft.Grains.Live;

namespace Weft.Grains.Tests.Domain;

public sealed class InProcessLiveFeedTests
{
    private readonly InProcessLiveFeed _feed = new(NullLogger<InProcessLiveFeed>.Instance);

    [Fact]
    public void Subscribers_receive_only_their_channels_events_until_they_dispose()
    {
        var alice = new List<LiveEvent>();
        var everyone = new List<LiveEvent>();
        var aliceSubscription = _feed.Subscribe(LiveChannel.User(1), alice.Add);
        using var publicSubscription = _feed.Subscribe(LiveChannel.Public, everyone.Add);

        _feed.Publish(LiveChannel.User(1), new LiveEvent(LiveEventKind.Update, 10));
        _feed.Publish(LiveChannel.User(2), new LiveEvent(LiveEventKind.Update, 11));
        _feed.Publish(LiveChannel.Public, new LiveEvent(LiveEventKind.Delete, 12));
        aliceSubscription.Dispose();
        aliceSubscription.Dispose();
        _feed.Publish(LiveChannel.User(1), new LiveEvent(LiveEventKind.Update, 13));

        Assert.Equal([new LiveEvent(LiveEventKind.Update, 10)], alice);
        Assert.Equal([new LiveEvent(LiveEventKind.Delete, 12)], everyone);
    }

    [Fact]
    public void A_throwing_subscriber_does_not_stop_the_others_or_reach_the_publisher()
    {
        var received = new List<LiveEvent>();
        using var broken = _feed.Subscribe(LiveChannel.Public, _ => throw new InvalidOperationException("broken client"));
        using var working = _feed.Subscribe(LiveChannel.Public, received.Add);

        _feed.Publish(LiveChannel.Public, new LiveEvent(LiveEventKind.Update, 1));

        Assert.Equal([new LiveEvent(LiveEventKind.Update, 1)], received);
    }
}
