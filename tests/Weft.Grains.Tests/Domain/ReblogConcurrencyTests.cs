using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// A reblog's grain forwards reblogs and favourites to its original, while the original deletes the reblog on
/// unreblog: the two must never wait on each other's turn (a call cycle between non-reentrant grains deadlocks until
/// the call timeout). The original is held inside a favourite (a gated store write) while an unreblog queues behind it
/// and the reblog's grain forwards a call to it.
/// </summary>
public sealed class ReblogConcurrencyTests(ShortCallTimeoutSqliteSocialSiloFixture fixture) : IClassFixture<ShortCallTimeoutSqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Reblogging_a_reblog_while_its_author_unreblogs_completes_without_deadlock()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.CreateAccountAsync();
        var second = await Kit.CreateAccountAsync();
        var original = await Kit.PostAsync(author, "original");
        var reblogId = (await Kit.Status(original.Id).ReblogAsync(first, StatusVisibility.Public)).View!.Status.Id;

        var (busy, unreblog) = await HoldOriginalAndUnreblogAsync(original.Id, first);
        var forwarded = Kit.Status(reblogId).ReblogAsync(second, StatusVisibility.Public);
        fixture.Gate.Open.TrySetResult();
        await Task.WhenAll(busy, unreblog, forwarded);

        Assert.Null((await forwarded).Error);
        var view = await Kit.Status(original.Id).GetAsync(second);
        Assert.Equal(1, view!.Status.ReblogsCount);
        Assert.True(view.Reblogged);
        Assert.Null(await Kit.Status(reblogId).GetAsync(first));
    }

    [Fact]
    public async Task Favouriting_a_reblog_favourites_the_original_even_while_its_author_unreblogs()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.CreateAccountAsync();
        var fan = await Kit.CreateAccountAsync();
        var original = await Kit.PostAsync(author, "original");
        var reblogId = (await Kit.Status(original.Id).ReblogAsync(first, StatusVisibility.Public)).View!.Status.Id;

        var (busy, unreblog) = await HoldOriginalAndUnreblogAsync(original.Id, first);
        var forwarded = Kit.Status(reblogId).FavouriteAsync(fan);
        fixture.Gate.Open.TrySetResult();
        await Task.WhenAll(busy, unreblog, forwarded);

        // Favouriting a reblog favourites its original (as Mastodon does): the blocker's favourite and the fan's.
        var view = await Kit.Status(original.Id).GetAsync(fan);
        Assert.Equal(0, view!.Status.ReblogsCount);
        Assert.Equal(2, view.Status.FavouritesCount);
        Assert.True(view.Favourited);
        Assert.Equal(original.Id, (await forwarded).View!.Status.Id);
    }

    // The original's turn waits in the store (a favourite by a fresh account) and its unreblog queues behind it.
    private async Task<(Task<StatusActionResult> Busy, Task<StatusActionResult> Unreblog)> HoldOriginalAndUnreblogAsync(long originalId, long rebloggerId)
    {
        var blocker = await Kit.CreateAccountAsync();
        fixture.Gate.Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Gate.Open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Gate.AccountId = blocker;
        var busy = Kit.Status(originalId).FavouriteAsync(blocker);
        await fixture.Gate.Entered.Task;
        var unreblog = Kit.Status(originalId).UnreblogAsync(rebloggerId);
        return (busy, unreblog);
    }
}
