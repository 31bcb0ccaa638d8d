using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

public sealed class VisibilityTests(SqliteSocialSiloFixture fixture) : IClassFixture<SqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Private_status_is_visible_to_the_author_followers_and_mentioned_accounts_only()
    {
        var author = await Kit.CreateAccountAsync();
        var follower = await Kit.CreateAccountAsync();
        var mentioned = await Kit.CreateAccountAsync();
        var stranger = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(follower, author);
        var status = await Kit.PostAsync(author, $"for followers and @user{mentioned}", StatusVisibility.Private);

        Assert.NotNull(await Kit.Status(status.Id).GetAsync(author));
        Assert.NotNull(await Kit.Status(status.Id).GetAsync(follower));
        Assert.NotNull(await Kit.Status(status.Id).GetAsync(mentioned));
        Assert.Null(await Kit.Status(status.Id).GetAsync(stranger));
        Assert.Null(await Kit.Status(status.Id).GetAsync(0));
        Assert.Equal(StatusActionError.NotFound, (await Kit.Status(status.Id).FavouriteAsync(stranger)).Error);
        Assert.Equal(StatusActionError.NotFound, (await Kit.Status(status.Id).DeleteAsync(stranger)).Error);
        Assert.Equal(StatusActionError.Forbidden, (await Kit.Status(status.Id).ReblogAsync(follower, StatusVisibility.Public)).Error);
        Assert.Null(await Kit.Status(status.Id).GetContextAsync(stranger));
    }

    [Fact]
    public async Task Direct_status_is_visible_to_mentioned_accounts_only_and_reaches_only_their_timelines()
    {
        var author = await Kit.CreateAccountAsync();
        var mentionedFollower = await Kit.CreateAccountAsync();
        var otherFollower = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(mentionedFollower, author);
        await Kit.FollowAsync(otherFollower, author);
        Assert.Empty(await Kit.TimelineIdsAsync(mentionedFollower));
        Assert.Empty(await Kit.TimelineIdsAsync(otherFollower));

        var direct = await Kit.PostAsync(author, $"psst @user{mentionedFollower}", StatusVisibility.Direct);
        var marker = await Kit.PostAsync(author, "public marker");

        Assert.Equal([mentionedFollower], direct.Mentions.Select(m => m.AccountId));
        Assert.NotNull(await Kit.Status(direct.Id).GetAsync(mentionedFollower));
        Assert.Null(await Kit.Status(direct.Id).GetAsync(otherFollower));
        await Kit.WaitForTimelineAsync(mentionedFollower, [marker.Id, direct.Id]);
        await Kit.WaitForTimelineAsync(otherFollower, [marker.Id]);
        await Kit.WaitForTimelineAsync(author, [marker.Id, direct.Id]);
    }

    [Fact]
    public async Task A_reply_to_a_status_the_author_cannot_see_is_refused()
    {
        var author = await Kit.CreateAccountAsync();
        var stranger = await Kit.CreateAccountAsync();
        var hidden = await Kit.PostAsync(author, "followers only", StatusVisibility.Private);

        var result = await Kit.Account(stranger).PostStatusAsync(
            new StatusDraft("hi", StatusVisibility.Public, hidden.Id, string.Empty, false, null, null), null);
        var missing = await Kit.Account(stranger).PostStatusAsync(
            new StatusDraft("hi", StatusVisibility.Public, 42, string.Empty, false, null, null), null);

        Assert.Equal(PostStatusError.ReplyTargetNotFound, result.Error);
        Assert.Equal(PostStatusError.ReplyTargetNotFound, missing.Error);
    }

    [Fact]
    public async Task Private_status_becomes_visible_once_the_viewer_follows()
    {
        var author = await Kit.CreateAccountAsync();
        var viewer = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "secret", StatusVisibility.Private);
        Assert.Null(await Kit.Status(status.Id).GetAsync(viewer));

        await Kit.FollowAsync(viewer, author);

        Assert.NotNull(await Kit.Status(status.Id).GetAsync(viewer));
        await Eventually.WaitUntilAsync(
            async () => (await Kit.TimelineIdsAsync(viewer)).Contains(status.Id), "the private status in the new follower's timeline");
    }
}
