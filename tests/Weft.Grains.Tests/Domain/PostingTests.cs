using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

public sealed class PostingTests(SqliteSocialSiloFixture fixture) : IClassFixture<SqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_status()
    {
        var author = await Kit.CreateAccountAsync();

        var first = await Kit.PostAsync(author, "only once", idempotencyKey: "key-1");
        var repeat = await Kit.PostAsync(author, "only once", idempotencyKey: "key-1");
        var other = await Kit.PostAsync(author, "only once", idempotencyKey: "key-2");

        Assert.Equal(first.Id, repeat.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, (await Kit.Account(author).GetAsync())!.StatusesCount);
    }

    [Fact]
    public async Task An_idempotency_key_of_a_deleted_status_answers_that_it_is_gone_and_posts_nothing()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.PostAsync(author, "soon gone", idempotencyKey: "key-deleted");
        Assert.Null((await Kit.Status(first.Id).DeleteAsync(author)).Error);

        var retry = await Kit.Account(author).PostStatusAsync(
            new StatusDraft("soon gone", StatusVisibility.Public, null, string.Empty, false, "en", "tests"), "key-deleted");

        Assert.Null(retry.Status);
        Assert.Equal(PostStatusError.IdempotentStatusDeleted, retry.Error);
        Assert.Null(await Kit.Status(first.Id).GetAsync(author));
        Assert.Equal(0, (await Kit.Account(author).GetAsync())!.StatusesCount);
    }

    [Fact]
    public async Task Mentions_and_hashtags_are_resolved_in_order_and_unknown_names_stay_text()
    {
        var author = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var carol = await Kit.CreateAccountAsync();

        var status = await Kit.PostAsync(author, $"@USER{carol} meets @user{bob}, not @ghost or mail@user{bob}. #Weft #weft #2024 #rust_lang");

        Assert.Equal([new Mention(carol, "user" + carol), new Mention(bob, "user" + bob)], status.Mentions.ToArray());
        Assert.Equal(["weft", "rust_lang"], status.Tags.ToArray());
        Assert.Equal(SnowflakeTimestamp(status.Id), status.CreatedAt);
    }

    [Fact]
    public async Task Posting_as_a_missing_account_is_refused()
    {
        var result = await Kit.Account(987_654_321).PostStatusAsync(
            new StatusDraft("ghost", StatusVisibility.Public, null, string.Empty, false, null, null), null);

        Assert.Equal(PostStatusError.AccountNotFound, result.Error);
    }

    [Fact]
    public async Task Following_oneself_or_a_missing_account_is_refused()
    {
        var alice = await Kit.CreateAccountAsync();

        var self = await Kit.Account(alice).FollowAsync(alice, FollowChange.None);
        var missing = await Kit.Account(alice).FollowAsync(987_654_322, FollowChange.None);

        Assert.Equal(GrainInterfaces.Accounts.FollowError.Self, self.Error);
        Assert.Equal(GrainInterfaces.Accounts.FollowError.NotFound, missing.Error);
        Assert.Equal(0, (await Kit.Account(alice).GetAsync())!.FollowingCount);
    }

    [Fact]
    public async Task Bookmarks_are_private_to_the_actor_and_idempotent()
    {
        var author = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "save me");

        await Kit.Status(status.Id).BookmarkAsync(reader);
        var again = await Kit.Status(status.Id).BookmarkAsync(reader);

        Assert.True(again.View!.Bookmarked);
        Assert.False((await Kit.Status(status.Id).GetAsync(author))!.Bookmarked);
        Assert.False((await Kit.Status(status.Id).UnbookmarkAsync(reader)).View!.Bookmarked);
    }

    [Fact]
    public async Task Every_change_of_a_status_raises_its_version_and_reads_between_changes_keep_it()
    {
        // The API caches rendered statuses by version: a change it does not see as a new version would be served stale.
        var author = await Kit.CreateAccountAsync();
        var fan = await Kit.CreateAccountAsync();
        var created = await Kit.PostAsync(author, "count me");
        var read = (await Kit.Status(created.Id).GetAsync(fan))!.Status;
        Assert.True(created.Version > 0);
        Assert.Equal(created.Version, read.Version);
        Assert.Equal((0, 0, 0), (read.FavouritesCount, read.ReblogsCount, read.RepliesCount));

        var favourited = (await Kit.Status(created.Id).FavouriteAsync(fan)).View!;
        var reblogged = (await Kit.Status(created.Id).ReblogAsync(fan, StatusVisibility.Public)).View!;
        var afterReblog = (await Kit.Status(created.Id).GetAsync(fan))!;
        var unfavourited = (await Kit.Status(created.Id).UnfavouriteAsync(fan)).View!;
        var unreblogged = (await Kit.Status(created.Id).UnreblogAsync(fan)).View!;

        Assert.True(favourited.Favourited);
        Assert.Equal(1, favourited.Status.FavouritesCount);
        Assert.True(favourited.Status.Version > created.Version);
        Assert.True(reblogged.Reblogged && reblogged.Favourited);
        Assert.Equal((1, 1), (afterReblog.Status.FavouritesCount, afterReblog.Status.ReblogsCount));
        Assert.True(afterReblog.Status.Version > favourited.Status.Version);
        Assert.Equal((0, 1), (unfavourited.Status.FavouritesCount, unfavourited.Status.ReblogsCount));
        Assert.True(unfavourited.Status.Version > afterReblog.Status.Version);
        Assert.False(unreblogged.Reblogged || unreblogged.Favourited);
        Assert.Equal((0, 0), (unreblogged.Status.FavouritesCount, unreblogged.Status.ReblogsCount));
        Assert.True(unreblogged.Status.Version > unfavourited.Status.Version);
        Assert.Empty((await Kit.Status(created.Id).GetFavouritedByAsync(0, PageRequest.Newest(40))).Items);
    }

    [Fact]
    public async Task Unreblogging_or_deleting_the_reblog_removes_it_from_the_originals_count()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.CreateAccountAsync();
        var second = await Kit.CreateAccountAsync();
        var original = await Kit.PostAsync(author, "share me");
        var reblog1 = (await Kit.Status(original.Id).ReblogAsync(first, StatusVisibility.Unlisted)).View!.Status;
        var reblog2 = (await Kit.Status(original.Id).ReblogAsync(second, StatusVisibility.Public)).View!.Status;
        Assert.Equal(2, (await Kit.Status(original.Id).GetAsync(0))!.Status.ReblogsCount);
        Assert.Equal(StatusVisibility.Unlisted, reblog1.Visibility);

        var undone = await Kit.Status(original.Id).UnreblogAsync(first);
        var deleted = await Kit.Status(reblog2.Id).DeleteAsync(second);

        Assert.False(undone.View!.Reblogged);
        Assert.Null(deleted.Error);
        Assert.Null(await Kit.Status(reblog1.Id).GetAsync(first));
        Assert.Equal(0, (await Kit.Status(original.Id).GetAsync(0))!.Status.ReblogsCount);
        Assert.Empty((await Kit.Status(original.Id).GetRebloggedByAsync(0, PageRequest.Newest(40))).Items);
        Assert.Equal(0, (await Kit.Account(first).GetAsync())!.StatusesCount);
        Assert.Equal(0, (await Kit.Account(second).GetAsync())!.StatusesCount);
    }

    private static DateTimeOffset SnowflakeTimestamp(long id) => GrainInterfaces.Ids.SnowflakeId.GetTimestamp(id);
}
