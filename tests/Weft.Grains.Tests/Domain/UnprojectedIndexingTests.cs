using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// Without the status index's outbox projection (events stored before it existed) nothing is indexed on append: the
/// fan-out indexes created and edited statuses itself, and an edit's mentions and hashtags replace those of the post.
/// </summary>
public sealed class UnprojectedIndexingTests(UnprojectedSqliteSocialSiloFixture fixture) : IClassFixture<UnprojectedSqliteSocialSiloFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task The_fan_out_indexes_posts_and_edits_the_queue_did_not()
    {
        var author = await Kit.CreateAccountAsync();
        var (before, after) = ("old" + author, "new" + author);
        var tags = Kit.Grains.GetGrain<ITagTimelineGrain>(0);
        Task<IReadOnlyList<long>> TaggedAsync(string tag) => ReadAsync(tags, tag);

        var status = await Kit.PostAsync(author, $"tagged #{before}");
        await Eventually.WaitUntilAsync(async () => (await TaggedAsync(before)).Contains(status.Id), "the post indexed by the fan-out", s_deadline);

        var edit = new StatusDraft($"tagged #{after}", StatusVisibility.Public, null, string.Empty, false, "en", null);
        Assert.Null((await Kit.Account(author).EditStatusAsync(status.Id, edit)).Error);
        await Eventually.WaitUntilAsync(async () => (await TaggedAsync(after)).Contains(status.Id), "the edit indexed by the fan-out", s_deadline);

        Assert.Empty(await TaggedAsync(before));
    }

    private static async Task<IReadOnlyList<long>> ReadAsync(ITagTimelineGrain tags, string tag) =>
        [.. await tags.ReadAsync(new TagTimelineQuery(PageRequest.Newest(20), [tag], [], []))];
}
