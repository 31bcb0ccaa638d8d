using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// What a status reads when it activates again in a new silo: nothing from the social store if it was never marked
/// nor replied to; its favourites, bookmarks, reblogs and replies otherwise, whichever came first.
/// </summary>
public sealed class StatusActivationTests : SqliteRestartTest
{
    [Fact]
    public async Task A_status_nobody_marked_activates_without_reading_the_social_store()
    {
        long author;
        StatusSnapshot quiet;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            author = await kit.CreateAccountAsync();
            quiet = await kit.PostAsync(author, "nobody will mark this");
        }

        var calls = new StoreCalls();
        await using (var silo = await StartAsync(calls))
        {
            var view = await new SocialTestKit(silo.GrainFactory).Status(quiet.Id).GetAsync(author);

            Assert.Equal("nobody will mark this", view!.Status.Text);
            Assert.Equal((0, 0, 0), (view.Status.FavouritesCount, view.Status.ReblogsCount, view.Status.RepliesCount));
            Assert.DoesNotContain(calls.Seen, call => call.Id == quiet.Id);
        }
    }

    [Theory]
    [InlineData("favourite")]
    [InlineData("bookmark")]
    [InlineData("reblog")]
    [InlineData("reply")]
    public async Task A_status_marked_once_has_its_mark_after_activating_again(string firstMark)
    {
        long fan;
        StatusSnapshot marked;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            var author = await kit.CreateAccountAsync();
            fan = await kit.CreateAccountAsync();
            marked = await kit.PostAsync(author, "mark me");
            var status = kit.Status(marked.Id);
            switch (firstMark)
            {
                case "favourite":
                    Assert.Null((await status.FavouriteAsync(fan)).Error);
                    break;
                case "bookmark":
                    Assert.Null((await status.BookmarkAsync(fan)).Error);
                    break;
                case "reblog":
                    Assert.Null((await status.ReblogAsync(fan, StatusVisibility.Public)).Error);

                    // The reblog's row reaches the store through its author's fan-out, after the call returns.
                    await Eventually.WaitUntilAsync(
                        async () => (await silo.Store.ListReblogsAsync(marked.Id, CancellationToken.None)).Count == 1, "the reblog is indexed");
                    break;
                default:
                    await kit.PostAsync(fan, "a reply", inReplyToId: marked.Id);
                    await Eventually.WaitUntilAsync(
                        async () => (await status.GetAsync(fan))!.Status.RepliesCount == 1, "the reply is counted");
                    break;
            }
        }

        var calls = new StoreCalls();
        await using (var silo = await StartAsync(calls))
        {
            var view = (await new SocialTestKit(silo.GrainFactory).Status(marked.Id).GetAsync(fan))!;

            Assert.True(calls.Called(nameof(ISocialStore.LoadStatusMarksAsync), marked.Id));
            Assert.Equal(firstMark == "favourite", view.Favourited);
            Assert.Equal(firstMark == "favourite" ? 1 : 0, view.Status.FavouritesCount);
            Assert.Equal(firstMark == "bookmark", view.Bookmarked);
            Assert.Equal(firstMark == "reblog", view.Reblogged);
            Assert.Equal(firstMark == "reblog" ? 1 : 0, view.Status.ReblogsCount);
            Assert.Equal(firstMark == "reply" ? 1 : 0, view.Status.RepliesCount);
        }
    }
}
