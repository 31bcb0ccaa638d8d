using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// A status is listed wherever the social store's index serves lists — its author's profile, its thread, the public
/// and tag timelines — as soon as posting returns, before the fan-out has delivered it: the index row is written in
/// the transaction that stores the status, and an edit's mentions and hashtags likewise; a reply is counted by its
/// parent. Run on each database (see the subclasses), with the fan-out held back.
/// </summary>
public abstract class ReadYourWritesTests(SocialSiloFixture fixture)
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task A_new_status_is_listed_by_the_index_before_its_fan_out()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.PostAsync(author, "first");
        await Kit.WaitForTimelineAsync(author, [first.Id]);

        var tag = "ryw" + author;
        var reply = await Kit.PostAsync(author, $"a reply with #{tag}", inReplyToId: first.Id);

        // The premise: the fan-out (which feeds home timelines) has not delivered the reply.
        Assert.Equal([first.Id], await Kit.TimelineIdsAsync(author));

        var profile = await Kit.Grains.GetGrain<IAccountStatusesGrain>(author)
            .ListAsync(author, new AccountStatusesQuery(PageRequest.Newest(20), ExcludeReplies: false, ExcludeReblogs: false, OnlyMedia: false));
        Assert.Equal([reply.Id, first.Id], profile.ToArray());

        var context = await Kit.Status(first.Id).GetContextAsync(author);
        Assert.Equal([reply.Id], context!.Descendants.Select(view => view.Status.Id));

        Assert.Contains(reply.Id, await Kit.Grains.GetGrain<IPublicTimelineGrain>(0).ReadAsync(PageRequest.Newest(40)));
        var tagged = await Kit.Grains.GetGrain<ITagTimelineGrain>(0).ReadAsync(new TagTimelineQuery(PageRequest.Newest(20), [tag], [], []));
        Assert.Equal([reply.Id], tagged.ToArray());
    }

    [Fact]
    public async Task A_reply_is_counted_by_its_parent_before_its_fan_out()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.PostAsync(author, "a question");
        await Kit.WaitForTimelineAsync(author, [first.Id]);

        await Kit.PostAsync(author, "one more thing", inReplyToId: first.Id);
        await Kit.PostAsync(author, "and another", inReplyToId: first.Id);

        // The premise: the fan-out (which also has the parent recount) has delivered neither reply.
        Assert.Equal([first.Id], await Kit.TimelineIdsAsync(author));
        Assert.Equal(2, (await Kit.Status(first.Id).GetAsync(author))!.Status.RepliesCount);
    }

    [Fact]
    public async Task An_edit_is_indexed_before_its_fan_out()
    {
        var author = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        var first = await Kit.PostAsync(author, "first");
        await Kit.WaitForTimelineAsync(author, [first.Id]);

        var (before, after) = ("old" + author, "new" + author);
        var tagged = await Kit.PostAsync(author, $"tagged #{before}");
        var direct = await Kit.PostAsync(author, "for nobody yet", StatusVisibility.Direct);
        Assert.Null((await Kit.Account(author).EditStatusAsync(tagged.Id, Draft($"tagged #{after}"))).Error);
        Assert.Null((await Kit.Account(author).EditStatusAsync(direct.Id, Draft($"now for @user{reader}"))).Error);

        // The premise: the fan-out has delivered none of it.
        Assert.Equal([first.Id], await Kit.TimelineIdsAsync(author));

        var tags = Kit.Grains.GetGrain<ITagTimelineGrain>(0);
        Assert.Equal([tagged.Id], (await tags.ReadAsync(new TagTimelineQuery(PageRequest.Newest(20), [after], [], []))).ToArray());
        Assert.Empty(await tags.ReadAsync(new TagTimelineQuery(PageRequest.Newest(20), [before], [], [])));

        // A direct status is listed to the accounts it mentions, as the index's mentions say.
        var profile = await Kit.Grains.GetGrain<IAccountStatusesGrain>(author)
            .ListAsync(reader, new AccountStatusesQuery(PageRequest.Newest(20), ExcludeReplies: false, ExcludeReblogs: false, OnlyMedia: false));
        Assert.Equal([direct.Id, tagged.Id, first.Id], profile.ToArray());

        static StatusDraft Draft(string text) => new(text, StatusVisibility.Public, null, string.Empty, false, "en", null);
    }
}

/// <summary>Read-your-writes on SQLite.</summary>
public sealed class SqliteReadYourWritesTests(HeldFanoutSqliteSocialSiloFixture fixture)
    : ReadYourWritesTests(fixture), IClassFixture<HeldFanoutSqliteSocialSiloFixture>;

/// <summary>Read-your-writes on PostgreSQL.</summary>
public sealed class PostgreSqlReadYourWritesTests(HeldFanoutPostgreSqlSocialSiloFixture fixture)
    : ReadYourWritesTests(fixture), IClassFixture<HeldFanoutPostgreSqlSocialSiloFixture>;
