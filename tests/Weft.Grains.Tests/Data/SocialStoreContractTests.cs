using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Data;

/// <summary>
/// What every <see cref="ISocialStore"/> must do, run on each engine. Tests of one class share a database, so each
/// test numbers its accounts, statuses and marks from its own base (<see cref="Id"/>) and bounds global lists by it.
/// </summary>
public abstract class SocialStoreContractTests : IAsyncLifetime
{
    private const long Span = 1_000_000;
    private static long s_nextBase;

    private readonly long _base = Interlocked.Increment(ref s_nextBase) * Span;
    private ISocialStore? _store;

    protected ISocialStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    private static CancellationToken None => CancellationToken.None;

    /// <summary>A new store on the class's database.</summary>
    protected abstract ISocialStore CreateStore();

    /// <summary>A factory of stores on a database nobody has used yet (no tables), and a way to drop it.</summary>
    protected abstract Task<(Func<ISocialStore> Create, Func<Task> Drop)> CreateFreshDatabaseAsync();

    /// <summary>
    /// Makes the database refuse every insert and delete of a notification to <paramref name="recipientId"/> (a trigger
    /// that raises), so a store's statement fails inside its own transaction.
    /// </summary>
    protected abstract Task FailNotificationWritesToAsync(long recipientId);

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>The <paramref name="n"/>th id of this test (accounts, statuses, follows and marks alike).</summary>
    protected long Id(int n) => _base + n;

    private long[] Ids(params int[] ns) => [.. ns.Select(Id)];

    private static long[] FollowerIds(IReadOnlyList<FollowerRow> followers) => [.. followers.Select(f => f.AccountId)];

    private static long[] FolloweeIds(IReadOnlyList<FolloweeRow> followees) => [.. followees.Select(f => f.AccountId)];

    private static PageRequest Page(long? maxId = null, long? sinceId = null, long? minId = null, int limit = 40) => new(maxId, sinceId, minId, limit);

    // What the grains read on activation, in the shapes the assertions compare.
    private async Task<long> FollowingCountAsync(long accountId) => (await Store.LoadAccountRelationsAsync(accountId, None)).Followees.Count;

    private async Task<(long Count, long? NewestId)> StatusCountAsync(long accountId)
    {
        var relations = await Store.LoadAccountRelationsAsync(accountId, None);
        return (relations.StatusesCount, relations.NewestStatusId);
    }

    private async Task<IReadOnlyList<MarkRow>> MarkersAsync(StatusMarkKind kind, long statusId)
    {
        var marks = await Store.LoadStatusMarksAsync(statusId, None);
        return kind == StatusMarkKind.Favourite ? marks.Favourites : marks.Bookmarks;
    }

    /// <summary>A page bounded to this test's ids, for lists over everyone's rows.</summary>
    private PageRequest OwnPage(int limit = 40) => new(_base + Span, _base, null, limit);

    private StatusRow Status(
        int id, int account, StatusVisibility visibility = StatusVisibility.Public, int? replyTo = null, int? replyToAccount = null,
        int? reblogOf = null, int? reblogOfAccount = null, params int[] mentions) =>
        new(Id(id), Id(account), visibility,
            replyTo is { } r ? Id(r) : null, replyToAccount is { } ra ? Id(ra) : null,
            reblogOf is { } b ? Id(b) : null, reblogOfAccount is { } ba ? Id(ba) : null,
            Ids(mentions));

    /// <summary>This test's name for a tag: tags are global, so each test suffixes its own.</summary>
    private string Tag(string name) => name + _base.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string[] Tags(params string[] names) => [.. names.Select(Tag)];

    private StatusRow Tagged(int id, int account, StatusVisibility visibility, params string[] tags) =>
        Status(id, account, visibility) with { Tags = Tags(tags) };

    private Task<IReadOnlyList<long>> TaggedAsync(string[] any, string[]? all = null, string[]? none = null, PageRequest? page = null) =>
        Store.ListTaggedStatusesAsync(Tags(any), Tags(all ?? []), Tags(none ?? []), page ?? OwnPage(), None);

    // Accounts ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Accounts_are_found_by_words_of_their_display_name_after_those_found_by_username()
    {
        var stem = $"nm{_base}";
        await Store.AddAccountAsync(Id(1), stem + "_zeb", "Zebulon Quux", None);
        await Store.AddAccountAsync(Id(2), stem + "_other", "Ülrike Zebra-Ärger :verified:", None);
        await Store.AddAccountAsync(Id(3), stem + "_zebulon", "Someone", None);

        async Task<IReadOnlyList<long>> FindAsync(string? prefix, string text, long? followedBy = null) =>
            await Store.SearchAccountsAsync(AccountSearch.For(prefix, text), followedBy, 0, 10, None);

        Assert.Equal(Ids(1), await FindAsync(null, "Zebulon"));
        Assert.Equal(Ids(1), await FindAsync(null, "quu zeb")); // every word starts a word of the name, in any order
        Assert.Equal(Ids(1, 2), (await FindAsync(null, "ZEB")).Order());
        Assert.Equal(Ids(2), await FindAsync(null, "ülri ärg")); // folded by .NET, whatever the database's lower() does
        Assert.Equal(Ids(2), await FindAsync(null, "verified"));
        Assert.Empty(await FindAsync(null, "ebulon")); // a word's start, not any part
        Assert.Empty(await FindAsync(null, "zebulon nobody"));
        Assert.Empty(await FindAsync(null, "@zebulon")); // an @ names an account: by username only

        // The username's matches first (shortest first), then the display name's.
        Assert.Equal(Ids(3, 1), await FindAsync(stem + "_zebulon", "zebulon"));

        // A rename is searched by the new name only.
        await Store.AddAccountAsync(Id(1), stem + "_zeb", "Plain Name", None);
        Assert.Empty(await FindAsync(null, "zebulon quux"));
        Assert.Equal(Ids(1), await FindAsync(null, "plain"));

        // following=true: only accounts the searcher follows.
        await Store.AddFollowWithoutNotificationAsync(Id(9), Id(2), Id(200), FollowSettings.Default, None);
        Assert.Equal(Ids(2), await FindAsync(null, "zebra", followedBy: Id(9)));
        Assert.Empty(await FindAsync(null, "plain", followedBy: Id(9)));
    }

    [Fact]
    public async Task Accounts_are_found_by_username_prefix_shortest_first_and_counted_with_statuses_and_active_authors()
    {
        var stem = $"dir{_base}";
        var before = await Store.CountInstanceAsync(Id(5), None);

        await Store.ListUsernameAsync(Id(1), stem + "_alice", None);
        await Store.ListUsernameAsync(Id(2), stem + "_al", None);
        await Store.ListUsernameAsync(Id(3), stem + "_bob", None);
        await Store.ListUsernameAsync(Id(1), stem + "_alice", None);
        await Store.UpsertStatusesAsync([Status(10, 1), Status(11, 3), Status(12, 3), Status(4, 2)], None);

        Assert.Equal(Ids(2, 1), await Store.SearchByUsernameAsync(stem + "_al", null, 0, 10, None));
        Assert.Equal(Ids(1), await Store.SearchByUsernameAsync(stem + "_al", null, 1, 10, None));
        Assert.Equal(Ids(2), await Store.SearchByUsernameAsync(stem + "_al", null, 0, 1, None));
        Assert.Equal(Ids(2, 3, 1), await Store.SearchByUsernameAsync(stem + "_", null, 0, 10, None));
        Assert.Empty(await Store.SearchByUsernameAsync(stem + "_alicia", null, 0, 10, None));
        Assert.Empty(await Store.SearchByUsernameAsync("", null, 0, 10, None));

        // following=true: only accounts the searcher follows, paged among themselves.
        await Store.AddFollowWithoutNotificationAsync(Id(3), Id(1), Id(200), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(3), Id(2), Id(201), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(2), Id(3), Id(202), FollowSettings.Default, None);
        Assert.Equal(Ids(2, 1), await Store.SearchByUsernameAsync(stem + "_", Id(3), 0, 10, None));
        Assert.Equal(Ids(1), await Store.SearchByUsernameAsync(stem + "_", Id(3), 1, 10, None));
        Assert.Equal(Ids(3), await Store.SearchByUsernameAsync(stem + "_", Id(2), 0, 10, None));
        Assert.Empty(await Store.SearchByUsernameAsync(stem + "_", Id(1), 0, 10, None));
        var after = await Store.CountInstanceAsync(Id(5), None);
        Assert.Equal(3, after.Accounts - before.Accounts);
        Assert.Equal(4, after.Statuses - before.Statuses);
        Assert.Equal(2, after.ActiveAuthors - before.ActiveAuthors);
    }

    [Fact]
    public async Task Tags_in_use_are_found_by_prefix_once_each_in_order()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(1, 1, StatusVisibility.Public, "srchb", "srcha"),
            Tagged(2, 1, StatusVisibility.Public, "srcha"),
            Tagged(3, 2, StatusVisibility.Public, "srcha", "srchc"),
            Tagged(4, 2, StatusVisibility.Public, "othersrch"),
        ], None);

        Assert.Equal(Tags("srcha", "srchb", "srchc"), await Store.SearchTagsAsync("srch", 0, 10, None));
        Assert.Equal(Tags("srchb"), await Store.SearchTagsAsync("srch", 1, 1, None));
        Assert.Equal(Tags("srchc"), await Store.SearchTagsAsync("srchc", 0, 10, None));
        Assert.Empty(await Store.SearchTagsAsync("srchd", 0, 10, None));
        Assert.Empty(await Store.SearchTagsAsync("", 0, 10, None));

        // A tag whose last status is deleted is no longer in use.
        Assert.True(await Store.DeleteStatusAsync(Id(3), None));
        Assert.Equal(Tags("srcha", "srchb"), await Store.SearchTagsAsync("srch", 0, 10, None));
    }

    // Follows ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Follow_twice_counts_once()
    {
        Assert.True(await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(100), FollowSettings.Default, None));
        Assert.False(await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(101), FollowSettings.Default, None));

        Assert.Equal(1, await Store.CountFollowersAsync(Id(2), None));
        Assert.Equal(1, await FollowingCountAsync(Id(1)));
        Assert.Equal(0, await Store.CountFollowersAsync(Id(1), None));
        var followers = await Store.ListFollowersAsync(Id(2), Page(), None);
        Assert.Equal([new FollowRow(Id(100), Id(1))], followers);
    }

    [Fact]
    public async Task Unfollow_removes_the_follow_and_a_second_unfollow_reports_nothing()
    {
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(100), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(3), Id(101), FollowSettings.Default, None);

        Assert.True(await Store.RemoveFollowAsync(Id(1), Id(2), None));
        Assert.False(await Store.RemoveFollowAsync(Id(1), Id(2), None));

        Assert.Equal(0, await Store.CountFollowersAsync(Id(2), None));
        Assert.Equal(1, await FollowingCountAsync(Id(1)));
        Assert.Equal(Ids(3), FolloweeIds(await Store.ListFolloweesAsync(Id(1), None)));
    }

    [Fact]
    public async Task Followee_ids_are_all_accounts_followed()
    {
        foreach (var followee in (int[])[7, 3, 5])
        {
            await Store.AddFollowWithoutNotificationAsync(Id(1), Id(followee), Id(100 + followee), FollowSettings.Default, None);
        }

        Assert.Equal(Ids(3, 5, 7), FolloweeIds(await Store.ListFolloweesAsync(Id(1), None)));
        Assert.Empty(FolloweeIds(await Store.ListFolloweesAsync(Id(2), None)));
    }

    [Fact]
    public async Task An_account_s_relations_load_in_one_call_as_the_separate_reads_give_them()
    {
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(5), Id(100), new FollowSettings(ShowReblogs: false, Notify: true), None);
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(3), Id(101), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(2), Id(1), Id(102), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(4), Id(1), Id(103), FollowSettings.Default, None);
        await Store.UpsertStatusesAsync([Status(10, 1), Status(12, 1), Status(11, 2)], None);

        var relations = await Store.LoadAccountRelationsAsync(Id(1), None);

        Assert.Equal(
            [new FolloweeRow(Id(3), FollowSettings.Default), new FolloweeRow(Id(5), new FollowSettings(false, true))],
            relations.Followees);
        Assert.Equal((2L, 2L, (long?)Id(12)), (relations.FollowersCount, relations.StatusesCount, relations.NewestStatusId));

        var nobody = await Store.LoadAccountRelationsAsync(Id(9), None);
        Assert.Equal((0, 0L, 0L, (long?)null), (nobody.Followees.Count, nobody.FollowersCount, nobody.StatusesCount, nobody.NewestStatusId));
    }

    [Fact]
    public async Task Follow_settings_are_stored_changed_and_listed()
    {
        Assert.True(await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(100), new FollowSettings(ShowReblogs: false, Notify: true), None));
        await Store.AddFollowWithoutNotificationAsync(Id(3), Id(2), Id(101), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(4), Id(2), Id(102), new FollowSettings(ShowReblogs: true, Notify: true), None);

        Assert.Equal([new FolloweeRow(Id(2), new FollowSettings(false, true))], await Store.ListFolloweesAsync(Id(1), None));
        Assert.Equal(Ids(1, 4), await Store.ListNotifiedFollowerIdsAsync(Id(2), 0, 10, None));
        Assert.Equal(
            [new FollowerRow(Id(1), Notify: true), new FollowerRow(Id(3), Notify: false), new FollowerRow(Id(4), Notify: true)],
            await Store.ListFollowerIdsAsync(Id(2), 0, 10, None));
        Assert.Equal(Ids(4), await Store.ListNotifiedFollowerIdsAsync(Id(2), Id(1), 10, None));
        Assert.Equal(Ids(1), await Store.ListNotifiedFollowerIdsAsync(Id(2), 0, 1, None));

        // Following again leaves the settings; changing them reports whether anything changed.
        Assert.False(await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(103), FollowSettings.Default, None));
        Assert.False(await Store.UpdateFollowAsync(Id(1), Id(2), new FollowSettings(false, true), None));
        Assert.False(await Store.UpdateFollowAsync(Id(9), Id(2), FollowSettings.Default, None));
        Assert.True(await Store.UpdateFollowAsync(Id(1), Id(2), FollowSettings.Default, None));

        Assert.Equal(FollowSettings.Default, (await Store.ListFolloweesAsync(Id(1), None))[0].Settings);
        Assert.Equal(Ids(4), await Store.ListNotifiedFollowerIdsAsync(Id(2), 0, 10, None));
    }

    [Fact]
    public async Task Follower_ids_page_in_ascending_account_order_after_the_cursor()
    {
        // Follow ids deliberately in another order than account ids: fan-out pages by account id.
        await Store.AddFollowWithoutNotificationAsync(Id(14), Id(1), Id(101), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(11), Id(1), Id(105), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(13), Id(1), Id(102), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(12), Id(1), Id(104), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(15), Id(2), Id(103), FollowSettings.Default, None);

        Assert.Equal(Ids(11, 12), FollowerIds(await Store.ListFollowerIdsAsync(Id(1), 0, 2, None)));
        Assert.Equal(Ids(13, 14), FollowerIds(await Store.ListFollowerIdsAsync(Id(1), Id(12), 2, None)));
        Assert.Empty(await Store.ListFollowerIdsAsync(Id(1), Id(14), 2, None));
    }

    [Fact]
    public async Task Concurrent_follower_pages_and_status_upserts_each_get_their_own_rows()
    {
        // Stores may combine concurrent calls into one statement; every caller must still get exactly its own answer.
        for (var author = 1; author <= 30; author++)
        {
            for (var follower = 1; follower <= author % 4; follower++)
            {
                await Store.AddFollowWithoutNotificationAsync(Id(1000 + follower), Id(author), Id(10_000 + (author * 10) + follower), FollowSettings.Default, None);
            }
        }

        var pages = Enumerable.Range(1, 30).Select(author => Store.ListFollowerIdsAsync(Id(author), 0, 10, None)).ToList();
        var upserts = Enumerable.Range(1, 30)
            .Select(author => Store.UpsertStatusesAsync([Status(100 + author, author, mentions: [1001]), Status(200 + author, author)], None))
            .ToList();
        var followers = await Task.WhenAll(pages);
        await Task.WhenAll(upserts);

        for (var author = 1; author <= 30; author++)
        {
            Assert.Equal(Enumerable.Range(1, author % 4).Select(f => Id(1000 + f)), FollowerIds(followers[author - 1]));
            Assert.Equal((2L, (long?)Id(200 + author)), await StatusCountAsync(Id(author)));
            var rows = await Store.ListRecentByAuthorsAsync(Ids(author), Id(1001), 0, 10, None);
            Assert.Equal(Ids(200 + author, 100 + author), rows.Select(r => r.Id));
            Assert.Equal(Ids(1001), rows[1].MentionedAccountIds);
        }
    }

    [Fact]
    public async Task Followers_pages_obey_max_since_and_min_id_on_follow_ids()
    {
        // Followers 11..15 with follow ids 110..150.
        for (var i = 1; i <= 5; i++)
        {
            await Store.AddFollowWithoutNotificationAsync(Id(10 + i), Id(1), Id(100 + (10 * i)), FollowSettings.Default, None);
        }

        async Task<long[]> FollowIds(PageRequest page) => [.. (await Store.ListFollowersAsync(Id(1), page, None)).Select(f => f.FollowId)];

        Assert.Equal(Ids(150, 140), await FollowIds(Page(limit: 2)));
        Assert.Equal(Ids(130, 120), await FollowIds(Page(maxId: Id(140), limit: 2)));
        Assert.Equal(Ids(150, 140), await FollowIds(Page(sinceId: Id(120), limit: 2)));
        Assert.Equal(Ids(140, 130), await FollowIds(Page(minId: Id(120), limit: 2)));
        Assert.Equal(Ids(140, 130), await FollowIds(Page(maxId: Id(150), minId: Id(120), limit: 10)));
        Assert.Equal(Ids(140, 130, 120), await FollowIds(Page(maxId: Id(150), sinceId: Id(110), limit: 10)));
        Assert.Empty(await FollowIds(Page(limit: 0)));
        Assert.Empty(await FollowIds(Page(minId: Id(150))));

        var followers = await Store.ListFollowersAsync(Id(1), Page(limit: 1), None);
        Assert.Equal([new FollowRow(Id(150), Id(15))], followers);
    }

    [Fact]
    public async Task Following_pages_obey_max_since_and_min_id_on_follow_ids()
    {
        for (var i = 1; i <= 4; i++)
        {
            await Store.AddFollowWithoutNotificationAsync(Id(1), Id(10 + i), Id(100 + (10 * i)), FollowSettings.Default, None);
        }

        await Store.AddFollowWithoutNotificationAsync(Id(2), Id(11), Id(115), FollowSettings.Default, None);

        Assert.Equal(
            [new FollowRow(Id(140), Id(14)), new FollowRow(Id(130), Id(13)), new FollowRow(Id(120), Id(12)), new FollowRow(Id(110), Id(11))],
            await Store.ListFollowingAsync(Id(1), Page(), None));
        Assert.Equal([new FollowRow(Id(120), Id(12))], await Store.ListFollowingAsync(Id(1), Page(maxId: Id(130), limit: 1), None));
        Assert.Equal([new FollowRow(Id(140), Id(14))], await Store.ListFollowingAsync(Id(1), Page(sinceId: Id(110), limit: 1), None));
        Assert.Equal([new FollowRow(Id(120), Id(12))], await Store.ListFollowingAsync(Id(1), Page(minId: Id(110), limit: 1), None));
    }

    [Fact]
    public async Task Filter_followers_keeps_only_candidates_that_follow()
    {
        await Store.AddFollowWithoutNotificationAsync(Id(11), Id(1), Id(101), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(13), Id(1), Id(102), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(12), Id(2), Id(103), FollowSettings.Default, None);

        Assert.Equal(Ids(11, 13), await Store.FilterFollowersAsync(Id(1), Ids(13, 12, 11, 14), None));
        Assert.Empty(await Store.FilterFollowersAsync(Id(1), [], None));
    }

    [Fact]
    public async Task Big_followees_are_the_followed_accounts_marked_big()
    {
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(101), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(3), Id(102), FollowSettings.Default, None);
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(4), Id(103), FollowSettings.Default, None);
        await Store.SetBigAccountAsync(Id(2), true, None);
        await Store.SetBigAccountAsync(Id(2), true, None);
        await Store.SetBigAccountAsync(Id(4), true, None);
        await Store.SetBigAccountAsync(Id(5), true, None);

        Assert.Equal(Ids(2, 4), await Store.ListBigFolloweesAsync(Id(1), None));

        await Store.SetBigAccountAsync(Id(4), false, None);
        await Store.SetBigAccountAsync(Id(4), false, None);
        Assert.Equal(Ids(2), await Store.ListBigFolloweesAsync(Id(1), None));
    }

    // Statuses ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Status_upsert_is_idempotent_and_leaves_an_existing_row_as_it_is()
    {
        await Store.UpsertStatusesAsync([Status(10, 1, StatusVisibility.Direct, mentions: [2])], None);
        await Store.UpsertStatusesAsync([Status(10, 1, StatusVisibility.Public, mentions: [3]), Status(11, 1)], None);
        await Store.UpsertStatusesAsync([Status(11, 1), Status(11, 1)], None);

        // Status 10 stayed direct, as first stored, so the count (which leaves out direct statuses) holds 11 alone.
        Assert.Equal((1L, (long?)Id(11)), await StatusCountAsync(Id(1)));
        var rows = await Store.ListRecentByAuthorsAsync(Ids(1), Id(2), 0, 10, None);
        Assert.Equal(Ids(11, 10), rows.Select(r => r.Id));
        Assert.Equal(StatusVisibility.Direct, rows[1].Visibility);
        Assert.Equal(Ids(2), rows[1].MentionedAccountIds);
        Assert.Equal(Ids(11), (await Store.ListRecentByAuthorsAsync(Ids(1), Id(3), 0, 10, None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Count_statuses_of_an_account_without_any_is_zero_and_null()
    {
        Assert.Equal((0L, (long?)null), await StatusCountAsync(Id(1)));
    }

    [Fact]
    public async Task Account_statuses_show_private_and_direct_only_to_who_may_see_them()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1, StatusVisibility.Public),
            Status(11, 1, StatusVisibility.Unlisted),
            Status(12, 1, StatusVisibility.Private),
            Status(13, 1, StatusVisibility.Direct, mentions: [2]),
            Status(14, 1, StatusVisibility.Direct, mentions: [3]),
            Status(15, 9, StatusVisibility.Public),
            Status(16, 1, StatusVisibility.Private, mentions: [5]),
        ], None);

        Task<IReadOnlyList<long>> List(bool includePrivate, long viewer) =>
            Store.ListAccountStatusesAsync(Id(1), new StatusListFilter(includePrivate, viewer, false, false, false), Page(), None);

        Assert.Equal(Ids(11, 10), await List(false, 0));
        Assert.Equal(Ids(16, 12, 11, 10), await List(true, Id(4)));
        Assert.Equal(Ids(13, 11, 10), await List(false, Id(2)));
        Assert.Equal(Ids(16, 11, 10), await List(false, Id(5)));
        Assert.Equal(Ids(16, 14, 13, 12, 11, 10), await List(true, Id(1)));
    }

    [Fact]
    public async Task Account_statuses_exclude_replies_to_others_but_keep_self_threads()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(11, 1, replyTo: 10, replyToAccount: 1),
            Status(12, 1, replyTo: 50, replyToAccount: 2),
            Status(13, 1, reblogOf: 50, reblogOfAccount: 2),
        ], None);

        Task<IReadOnlyList<long>> List(bool excludeReplies, bool excludeReblogs, bool onlyMedia = false) =>
            Store.ListAccountStatusesAsync(Id(1), new StatusListFilter(false, 0, excludeReplies, excludeReblogs, onlyMedia), Page(), None);

        Assert.Equal(Ids(13, 12, 11, 10), await List(false, false));
        Assert.Equal(Ids(13, 11, 10), await List(true, false));
        Assert.Equal(Ids(12, 11, 10), await List(false, true));
        Assert.Equal(Ids(11, 10), await List(true, true));
        Assert.Empty(await List(false, false, onlyMedia: true));
    }

    [Fact]
    public async Task Account_statuses_filter_by_hashtag_before_the_limit()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "weft"),
            Tagged(20, 1, StatusVisibility.Private, "weft", "other"),
            Tagged(30, 1, StatusVisibility.Public, "other"),
            Status(40, 1),
            Tagged(50, 9, StatusVisibility.Public, "weft"),
        ], None);

        Task<IReadOnlyList<long>> List(string tag, bool includePrivate, int limit) =>
            Store.ListAccountStatusesAsync(Id(1), new StatusListFilter(includePrivate, 0, false, false, false, Tag(tag)), Page(limit: limit), None);

        Assert.Equal(Ids(10), await List("weft", false, 1));
        Assert.Equal(Ids(20, 10), await List("weft", true, 5));
        Assert.Equal(Ids(30, 20), await List("other", true, 5));
        Assert.Empty(await List("nothing", true, 5));
    }

    [Fact]
    public async Task Account_statuses_page_by_status_id()
    {
        await Store.UpsertStatusesAsync([.. Enumerable.Range(1, 6).Select(i => Status(10 * i, 1))], None);
        var filter = new StatusListFilter(false, 0, false, false, false);

        Assert.Equal(Ids(60, 50), await Store.ListAccountStatusesAsync(Id(1), filter, Page(limit: 2), None));
        Assert.Equal(Ids(40, 30), await Store.ListAccountStatusesAsync(Id(1), filter, Page(maxId: Id(50), limit: 2), None));
        Assert.Equal(Ids(60, 50), await Store.ListAccountStatusesAsync(Id(1), filter, Page(sinceId: Id(10), limit: 2), None));
        Assert.Equal(Ids(30, 20), await Store.ListAccountStatusesAsync(Id(1), filter, Page(minId: Id(10), limit: 2), None));
    }

    [Fact]
    public async Task Tagged_statuses_are_public_originals_with_the_tag_newest_first()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "cats", "dogs"),
            Tagged(11, 1, StatusVisibility.Unlisted, "cats"),
            Tagged(12, 2, StatusVisibility.Private, "cats"),
            Tagged(13, 2, StatusVisibility.Direct, "cats"),
            Status(14, 2, StatusVisibility.Public, reblogOf: 10, reblogOfAccount: 1) with { Tags = Tags("cats") },
            Tagged(15, 3, StatusVisibility.Public, "dogs"),
            Tagged(16, 3, StatusVisibility.Public, "cats"),
            Status(17, 3, StatusVisibility.Public),
        ], None);

        Assert.Equal(Ids(16, 10), await TaggedAsync(["cats"]));
        Assert.Equal(Ids(15, 10), await TaggedAsync(["dogs"]));
        Assert.Empty(await TaggedAsync(["birds"]));
        Assert.Empty(await Store.ListTaggedStatusesAsync([], [], [], OwnPage(), None));
    }

    [Fact]
    public async Task A_later_version_replaces_mentions_and_tags_and_an_earlier_one_changes_nothing()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "cats", "dogs") with { Version = 1 },
            Status(11, 1, StatusVisibility.Direct, mentions: 2) with { Version = 1 },
        ], None);
        StatusListFilter SeenBy(int viewer) => new(IncludePrivate: false, Id(viewer), ExcludeReplies: false, ExcludeReblogs: false, OnlyMedia: false);

        // Edits (later versions), then what arrives late: an older edit, a repeated creation, and the creation of a
        // status whose edit was indexed first.
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "dogs", "birds") with { Version = 3 },
            Status(11, 1, StatusVisibility.Direct, mentions: 3) with { Version = 3 },
            Tagged(12, 1, StatusVisibility.Public, "fish") with { Version = 5 },
        ], None);
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "fish") with { Version = 2 },
            Status(11, 1, StatusVisibility.Direct, mentions: 2) with { Version = 1 },
            Tagged(12, 1, StatusVisibility.Public, "cats") with { Version = 1 },
        ], None);

        Assert.Empty(await TaggedAsync(["cats"]));
        Assert.Equal(Ids(10), await TaggedAsync(["dogs"], all: ["birds"]));
        Assert.Equal(Ids(12), await TaggedAsync(["fish"]));
        Assert.Contains(Id(11), await Store.ListAccountStatusesAsync(Id(1), SeenBy(3), OwnPage(), None));
        Assert.DoesNotContain(Id(11), await Store.ListAccountStatusesAsync(Id(1), SeenBy(2), OwnPage(), None));
    }

    [Fact]
    public async Task Rows_of_one_status_in_one_call_leave_the_latest_version()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "cats") with { Version = 1 },
            Tagged(10, 1, StatusVisibility.Public, "dogs") with { Version = 2 },
        ], None);

        Assert.Empty(await TaggedAsync(["cats"]));
        Assert.Equal(Ids(10), await TaggedAsync(["dogs"]));
    }

    [Fact]
    public async Task Tagged_statuses_match_any_all_and_none()
    {
        await Store.UpsertStatusesAsync(
        [
            Tagged(10, 1, StatusVisibility.Public, "cats"),
            Tagged(11, 1, StatusVisibility.Public, "cats", "dogs"),
            Tagged(12, 1, StatusVisibility.Public, "dogs"),
            Tagged(13, 1, StatusVisibility.Public, "cats", "dogs", "birds"),
            Tagged(14, 1, StatusVisibility.Public, "birds"),
        ], None);

        Assert.Equal(Ids(13, 12, 11, 10), await TaggedAsync(["cats", "dogs"]));
        Assert.Equal(Ids(13, 11), await TaggedAsync(["cats"], all: ["dogs"]));
        Assert.Equal(Ids(13), await TaggedAsync(["cats"], all: ["dogs", "birds"]));
        Assert.Equal(Ids(13, 11), await TaggedAsync(["cats", "cats"], all: ["dogs", "dogs"]));
        Assert.Equal(Ids(11, 10), await TaggedAsync(["cats"], none: ["birds"]));
        Assert.Equal(Ids(10), await TaggedAsync(["cats"], none: ["birds", "dogs"]));
        Assert.Equal(Ids(14, 12), await TaggedAsync(["dogs", "birds"], none: ["cats", "fish"]));
        Assert.Equal(Ids(12), await TaggedAsync(["dogs", "birds"], all: ["dogs"], none: ["cats"]));
        Assert.Empty(await TaggedAsync(["cats"], all: ["fish"]));
    }

    [Fact]
    public async Task Tagged_statuses_with_a_rare_all_tag_next_to_a_common_any_tag_read_and_page_the_same()
    {
        await Store.UpsertStatusesAsync(
            [.. Enumerable.Range(1, 8).Select(i => i % 3 == 0 ? Tagged(10 * i, 1, StatusVisibility.Public, "cats", "rare") : Tagged(10 * i, 1, StatusVisibility.Public, "cats"))],
            None);
        await Store.UpsertStatusesAsync([Tagged(90, 1, StatusVisibility.Public, "rare"), Tagged(95, 1, StatusVisibility.Unlisted, "cats", "rare")], None);

        Assert.Equal(Ids(60, 30), await TaggedAsync(["cats"], all: ["rare"]));
        Assert.Equal(Ids(60), await TaggedAsync(["cats"], all: ["rare"], page: OwnPage(limit: 1)));
        Assert.Equal(Ids(30), await TaggedAsync(["cats"], all: ["rare"], page: Page(maxId: Id(60), sinceId: Id(0))));
        Assert.Equal(Ids(30), await TaggedAsync(["cats"], all: ["rare"], page: Page(maxId: Id(999_999), minId: Id(10), limit: 1)));
        Assert.Equal(Ids(30), await TaggedAsync(["cats", "dogs"], all: ["rare", "cats"], none: ["fish"], page: Page(maxId: Id(50), sinceId: Id(0))));
        Assert.Empty(await TaggedAsync(["cats"], all: ["rare"], none: ["rare"]));
    }

    [Fact]
    public async Task Tagged_statuses_page_like_every_list()
    {
        await Store.UpsertStatusesAsync([.. Enumerable.Range(1, 6).Select(i => Tagged(10 * i, 1, StatusVisibility.Public, "cats"))], None);

        Assert.Equal(Ids(60, 50), await TaggedAsync(["cats"], page: OwnPage(limit: 2)));
        Assert.Equal(Ids(40, 30), await TaggedAsync(["cats"], page: Page(maxId: Id(50), sinceId: Id(0), limit: 2)));
        Assert.Equal(Ids(60, 50, 40), await TaggedAsync(["cats"], page: Page(maxId: Id(999_999), sinceId: Id(30))));
        Assert.Equal(Ids(30, 20), await TaggedAsync(["cats"], page: Page(maxId: Id(999_999), minId: Id(10), limit: 2)));
        Assert.Equal(Ids(40, 30), await TaggedAsync(["cats"], page: Page(maxId: Id(50), minId: Id(20))));
        Assert.Empty(await TaggedAsync(["cats"], page: Page(minId: Id(60))));
        Assert.Empty(await TaggedAsync(["cats"], page: OwnPage(limit: 0)));
    }

    [Fact]
    public async Task Tags_of_a_deleted_status_go_with_it_and_a_reupsert_changes_none()
    {
        await Store.UpsertStatusesAsync([Tagged(10, 1, StatusVisibility.Public, "cats"), Tagged(11, 1, StatusVisibility.Public, "cats")], None);
        await Store.UpsertStatusesAsync([Tagged(10, 1, StatusVisibility.Public, "dogs"), Tagged(10, 1, StatusVisibility.Public, "cats")], None);

        Assert.Equal(Ids(11, 10), await TaggedAsync(["cats"]));
        Assert.Empty(await TaggedAsync(["dogs"]));

        Assert.True(await Store.DeleteStatusAsync(Id(10), None));
        Assert.Equal(Ids(11), await TaggedAsync(["cats"]));

        // The same id indexed again (a redelivered Created after a delete) gets its tags anew, not the old ones.
        await Store.UpsertStatusesAsync([Tagged(10, 1, StatusVisibility.Public, "dogs")], None);
        Assert.Equal(Ids(11), await TaggedAsync(["cats"]));
        Assert.Equal(Ids(10), await TaggedAsync(["dogs"]));
    }

    [Fact]
    public async Task Public_statuses_leave_out_unlisted_private_direct_reblogs_and_replies_to_others()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1, StatusVisibility.Public),
            Status(11, 1, StatusVisibility.Unlisted),
            Status(12, 2, StatusVisibility.Private),
            Status(13, 2, StatusVisibility.Direct, mentions: [1]),
            Status(14, 2, StatusVisibility.Public, reblogOf: 10, reblogOfAccount: 1),
            Status(15, 1, StatusVisibility.Public, replyTo: 10, replyToAccount: 1), // a thread's continuation stays
            Status(16, 3, StatusVisibility.Public),
            Status(17, 3, StatusVisibility.Public, replyTo: 10, replyToAccount: 1), // a reply to someone else does not
        ], None);

        Assert.Equal(Ids(16, 15, 10), await Store.ListPublicStatusesAsync(OwnPage(), None));
        Assert.Equal(Ids(16, 15), await Store.ListPublicStatusesAsync(OwnPage(limit: 2), None));
        Assert.Equal(Ids(15, 10), await Store.ListPublicStatusesAsync(Page(maxId: Id(16), sinceId: Id(0)), None));
        Assert.Equal(Ids(15), await Store.ListPublicStatusesAsync(Page(maxId: Id(999_999), minId: Id(10), limit: 1), None));
    }

    [Fact]
    public async Task Recent_by_authors_gives_what_a_follower_may_see_newer_than_the_cursor()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1, StatusVisibility.Public),
            Status(11, 1, StatusVisibility.Unlisted),
            Status(12, 2, StatusVisibility.Private),
            Status(13, 2, StatusVisibility.Direct, mentions: [9, 5]),
            Status(14, 2, StatusVisibility.Direct, mentions: [6]),
            Status(15, 1, StatusVisibility.Public, reblogOf: 30, reblogOfAccount: 3),
            Status(16, 3, StatusVisibility.Public),
            Status(17, 9, StatusVisibility.Direct),
        ], None);

        var rows = await Store.ListRecentByAuthorsAsync(Ids(1, 2, 9), Id(9), 0, 10, None);

        Assert.Equal(Ids(17, 15, 13, 12, 11, 10), rows.Select(r => r.Id));
        Assert.Equal((Id(1), StatusVisibility.Public, (long?)Id(30), (long?)Id(3)), (rows[1].AccountId, rows[1].Visibility, rows[1].ReblogOfId, rows[1].ReblogOfAccountId));
        Assert.Null(rows[1].InReplyToId);
        Assert.Empty(rows[1].MentionedAccountIds);
        Assert.Equal(Ids(5, 9), rows[2].MentionedAccountIds);
        Assert.Equal(Ids(17, 15, 13), (await Store.ListRecentByAuthorsAsync(Ids(1, 2, 9), Id(9), Id(12), 10, None)).Select(r => r.Id));
        Assert.Equal(Ids(17, 15), (await Store.ListRecentByAuthorsAsync(Ids(1, 2, 9), Id(9), 0, 2, None)).Select(r => r.Id));
        Assert.Equal(Ids(14, 12), (await Store.ListRecentByAuthorsAsync(Ids(2), Id(6), 0, 10, None)).Select(r => r.Id));
        Assert.Equal(Ids(15, 11, 10), (await Store.ListRecentByAuthorsAsync(Ids(1, 1, 1), Id(9), 0, 10, None)).Select(r => r.Id));
        Assert.Empty(await Store.ListRecentByAuthorsAsync([], Id(9), 0, 10, None));

        // Pages, as a list timeline reads them.
        async Task<long[]> Page(PageRequest page) => [.. (await Store.ListByAuthorsAsync(Ids(1, 2, 9), Id(9), page, None)).Select(r => r.Id)];
        Assert.Equal(Ids(13, 12), await Page(new PageRequest(Id(15), null, null, 2)));
        Assert.Equal(Ids(11, 10), await Page(new PageRequest(Id(12), Id(0), null, 10)));
        Assert.Equal(Ids(12, 11), await Page(new PageRequest(null, null, Id(10), 2)));
        Assert.Equal(Ids(17, 15), await Page(new PageRequest(null, null, Id(13), 10)));
        Assert.Equal(Ids(13), await Page(new PageRequest(Id(15), Id(12), null, 10)));
        Assert.Empty(await Page(new PageRequest(null, null, null, 0)));
    }

    [Fact]
    public async Task Replies_are_listed_oldest_first_and_counted()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(13, 3, replyTo: 10, replyToAccount: 1, mentions: [1]),
            Status(11, 2, replyTo: 10, replyToAccount: 1),
            Status(12, 1, replyTo: 11, replyToAccount: 2),
        ], None);

        var replies = await Store.ListRepliesAsync(Id(10), None);

        Assert.Equal(Ids(11, 13), replies.Select(r => r.Id));
        Assert.Equal(Ids(1), replies[1].MentionedAccountIds);
        Assert.Equal(Id(10), replies[0].InReplyToId);
        Assert.Equal(Id(1), replies[0].InReplyToAccountId);
        Assert.Equal(2, await Store.CountRepliesAsync(Id(10), None));
        Assert.Equal(1, await Store.CountRepliesAsync(Id(11), None));
        Assert.Equal(0, await Store.CountRepliesAsync(Id(12), None));
    }

    [Fact]
    public async Task Replies_count_only_public_and_unlisted_ones_and_an_account_count_leaves_out_direct_statuses()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(11, 2, StatusVisibility.Unlisted, replyTo: 10, replyToAccount: 1),
            Status(12, 2, StatusVisibility.Private, replyTo: 10, replyToAccount: 1),
            Status(13, 2, StatusVisibility.Direct, replyTo: 10, replyToAccount: 1, mentions: [1]),
            Status(14, 2, replyTo: 10, replyToAccount: 1),
        ], None);

        Assert.Equal(2, await Store.CountRepliesAsync(Id(10), None));
        Assert.Equal((3L, (long?)Id(14)), await StatusCountAsync(Id(2)));
    }

    [Fact]
    public async Task Reblogs_are_listed_newest_first()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(11, 2, reblogOf: 10, reblogOfAccount: 1),
            Status(12, 3, reblogOf: 10, reblogOfAccount: 1),
            Status(13, 3, reblogOf: 99, reblogOfAccount: 4),
        ], None);

        var reblogs = await Store.ListReblogsAsync(Id(10), None);

        Assert.Equal(Ids(12, 11), reblogs.Select(r => r.Id));
        Assert.Equal(Ids(3, 2), reblogs.Select(r => r.AccountId));
        Assert.All(reblogs, r => Assert.Equal((long?)Id(1), r.ReblogOfAccountId));

        // Paged oldest first, for the fan-out.
        Assert.Equal(Ids(11), (await Store.ListReblogsAfterAsync(Id(10), 0, 1, None)).Select(r => r.Id));
        Assert.Equal(Ids(12), (await Store.ListReblogsAfterAsync(Id(10), Id(11), 5, None)).Select(r => r.Id));
        Assert.Empty(await Store.ListReblogsAfterAsync(Id(10), Id(12), 5, None));
    }

    [Fact]
    public async Task Deleting_a_status_removes_it_from_every_list()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(11, 2, StatusVisibility.Direct, replyTo: 10, replyToAccount: 1, mentions: [1]),
            Status(12, 2, reblogOf: 10, reblogOfAccount: 1),
        ], None);

        Assert.True(await Store.DeleteStatusAsync(Id(11), None));
        Assert.True(await Store.DeleteStatusAsync(Id(12), None));
        Assert.False(await Store.DeleteStatusAsync(Id(12), None));

        Assert.Empty(await Store.ListRepliesAsync(Id(10), None));
        Assert.Equal(0, await Store.CountRepliesAsync(Id(10), None));
        Assert.Empty(await Store.ListReblogsAsync(Id(10), None));
        Assert.Empty(await Store.ListRecentByAuthorsAsync(Ids(2), Id(1), 0, 10, None));
        Assert.Equal((0L, (long?)null), await StatusCountAsync(Id(2)));

        Assert.True(await Store.DeleteStatusAsync(Id(10), None));
        Assert.Empty(await Store.ListPublicStatusesAsync(OwnPage(), None));
        Assert.Empty(await Store.ListAccountStatusesAsync(Id(1), new StatusListFilter(true, Id(1), false, false, false), Page(), None));
    }

    // Favourites and bookmarks -----------------------------------------------------------------------------------

    [Fact]
    public async Task Favourite_twice_counts_once_and_bookmarks_are_separate()
    {
        Assert.True(await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), Id(100), None));
        Assert.False(await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), Id(101), None));
        Assert.True(await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(1), Id(10), Id(102), None));

        Assert.Equal([new MarkRow(Id(100), Id(1))], await MarkersAsync(StatusMarkKind.Favourite, Id(10)));
        Assert.Equal([new MarkRow(Id(102), Id(1))], await MarkersAsync(StatusMarkKind.Bookmark, Id(10)));

        Assert.True(await Store.RemoveMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), None));
        Assert.False(await Store.RemoveMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), None));
        Assert.Empty(await MarkersAsync(StatusMarkKind.Favourite, Id(10)));
        Assert.Single(await MarkersAsync(StatusMarkKind.Bookmark, Id(10)));
    }

    [Fact]
    public async Task A_status_s_marks_load_in_one_call_as_the_separate_lists_give_them()
    {
        await Store.UpsertStatusesAsync(
        [
            Status(10, 1),
            Status(11, 2, reblogOf: 10, reblogOfAccount: 1),
            Status(12, 3, reblogOf: 10, reblogOfAccount: 1),
            Status(13, 2, replyTo: 10, replyToAccount: 1),
            Status(14, 3, reblogOf: 99, reblogOfAccount: 4),
        ], None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(101), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(3), Id(10), Id(102), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(3), Id(14), Id(103), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(2), Id(10), Id(104), None);

        var marks = await Store.LoadStatusMarksAsync(Id(10), None);

        Assert.Equal([new MarkRow(Id(102), Id(3)), new MarkRow(Id(101), Id(2))], marks.Favourites);
        Assert.Equal([new MarkRow(Id(104), Id(2))], marks.Bookmarks);
        Assert.Equal(Ids(12, 11), marks.Reblogs.Select(r => r.Id));
        Assert.All(marks.Reblogs, r => Assert.Equal((long?)Id(10), r.ReblogOfId));
        Assert.Equal(1, marks.RepliesCount);

        var none = await Store.LoadStatusMarksAsync(Id(13), None);
        Assert.Equal((0, 0, 0, 0L), (none.Favourites.Count, none.Bookmarks.Count, none.Reblogs.Count, none.RepliesCount));
    }

    [Fact]
    public async Task Markers_are_listed_newest_mark_first()
    {
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(102), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(3), Id(10), Id(101), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), Id(103), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(11), Id(104), None);

        Assert.Equal(
            [new MarkRow(Id(103), Id(1)), new MarkRow(Id(102), Id(2)), new MarkRow(Id(101), Id(3))],
            await MarkersAsync(StatusMarkKind.Favourite, Id(10)));
    }

    [Fact]
    public async Task Marked_statuses_page_by_mark_id()
    {
        for (var i = 1; i <= 5; i++)
        {
            // Mark ids run against status ids: the page follows the marks.
            await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(1), Id(60 - i), Id(100 + i), None);
        }

        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(2), Id(50), Id(106), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(50), Id(107), None);

        Task<IReadOnlyList<MarkRow>> List(PageRequest page) => Store.ListMarkedStatusesAsync(StatusMarkKind.Bookmark, Id(1), page, None);

        Assert.Equal([new MarkRow(Id(105), Id(55)), new MarkRow(Id(104), Id(56))], await List(Page(limit: 2)));
        Assert.Equal([new MarkRow(Id(103), Id(57)), new MarkRow(Id(102), Id(58))], await List(Page(maxId: Id(104), limit: 2)));
        Assert.Equal([new MarkRow(Id(105), Id(55)), new MarkRow(Id(104), Id(56))], await List(Page(sinceId: Id(101), limit: 2)));
        Assert.Equal([new MarkRow(Id(103), Id(57)), new MarkRow(Id(102), Id(58))], await List(Page(minId: Id(101), limit: 2)));
        Assert.Equal(5, (await List(Page())).Count);
    }

    [Fact]
    public async Task Deleting_the_marks_of_a_status_leaves_other_statuses_marked()
    {
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), Id(100), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(101), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(1), Id(10), Id(102), None);
        await Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(11), Id(103), None);

        await Store.DeleteMarksOfStatusAsync(Id(10), None);

        Assert.Empty(await MarkersAsync(StatusMarkKind.Favourite, Id(10)));
        Assert.Empty(await MarkersAsync(StatusMarkKind.Bookmark, Id(10)));
        Assert.Equal([new MarkRow(Id(103), Id(11))], await Store.ListMarkedStatusesAsync(StatusMarkKind.Favourite, Id(1), Page(), None));
        Assert.Empty(await Store.ListMarkedStatusesAsync(StatusMarkKind.Bookmark, Id(1), Page(), None));
    }

    [Fact]
    public async Task Two_hundred_parallel_favourites_by_different_accounts_are_all_kept()
    {
        var added = await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            Task.Run(() => Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1000 + i), Id(10), Id(5000 + i), None))));

        Assert.All(added, Assert.True);
        Assert.Equal(200, (await MarkersAsync(StatusMarkKind.Favourite, Id(10))).Count);
    }

    [Fact]
    public async Task Fifty_parallel_duplicates_of_one_favourite_add_it_exactly_once()
    {
        var added = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Task.Run(() => Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, Id(1), Id(10), Id(100 + i), None))));

        Assert.Equal(1, added.Count(a => a));
        Assert.Single(await MarkersAsync(StatusMarkKind.Favourite, Id(10)));
    }

    // Notifications ----------------------------------------------------------------------------------------------

    private NotificationRow Notification(int id, int recipient, NotificationType type, int from, int? status) =>
        new(Id(id), Id(recipient), type, Id(from), status is { } s ? Id(s) : null);

    private static NotificationQuery Query(
        PageRequest page, NotificationType[]? types = null, NotificationType[]? exclude = null, long? from = null) =>
        new(page, [.. types ?? []], [.. exclude ?? []], from);

    [Fact]
    public async Task A_follow_and_its_notification_are_written_together_and_only_once()
    {
        var first = await Store.AddFollowAsync(Id(2), Id(1), Id(200), FollowSettings.Default, Notification(100, 1, NotificationType.Follow, 2, null), None);
        var again = await Store.AddFollowAsync(Id(2), Id(1), Id(201), FollowSettings.Default, Notification(101, 1, NotificationType.Follow, 2, null), None);

        Assert.Equal(new AddedWithNotification(Added: true, Notified: true), first);
        Assert.Equal(new AddedWithNotification(Added: false, Notified: false), again); // the follow existed: nothing written
        Assert.Equal([Notification(100, 1, NotificationType.Follow, 2, null)], await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
        Assert.Equal([Id(2)], (await Store.ListFollowersAsync(Id(1), Page(), None)).Select(row => row.AccountId));
    }

    [Fact]
    public async Task A_follow_or_favourite_whose_notification_cannot_be_written_is_not_written_either()
    {
        await Store.EnsureSchemaAsync(None);
        await FailNotificationWritesToAsync(Id(1));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.AddFollowAsync(Id(2), Id(1), Id(200), FollowSettings.Default, Notification(100, 1, NotificationType.Follow, 2, null), None));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.AddMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(201), Notification(101, 1, NotificationType.Favourite, 2, 10), None));

        Assert.Empty(await Store.ListFollowersAsync(Id(1), Page(), None));
        Assert.Empty((await Store.LoadStatusMarksAsync(Id(10), None)).Favourites);

        // Without a notification (a muted follower), the same follow and favourite are written.
        Assert.True((await Store.AddFollowAsync(Id(2), Id(1), Id(202), FollowSettings.Default, null, None)).Added);
        Assert.True((await Store.AddMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(203), null, None)).Added);
    }

    [Fact]
    public async Task An_unfollow_or_unfavourite_whose_notification_cannot_be_removed_keeps_the_follow_and_the_favourite()
    {
        await Store.AddFollowAsync(Id(2), Id(1), Id(200), FollowSettings.Default, Notification(100, 1, NotificationType.Follow, 2, null), None);
        await Store.AddMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(201), Notification(101, 1, NotificationType.Favourite, 2, 10), None);
        await FailNotificationWritesToAsync(Id(1));

        await Assert.ThrowsAnyAsync<Exception>(() => Store.RemoveFollowAsync(Id(2), Id(1), None));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.RemoveMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(1), None));

        Assert.Equal(Ids(2), (await Store.ListFollowersAsync(Id(1), Page(), None)).Select(row => row.AccountId));
        Assert.Equal(Ids(2), (await Store.LoadStatusMarksAsync(Id(10), None)).Favourites.Select(mark => mark.OtherId));
        Assert.Equal(2, (await Store.ListNotificationsAsync(Id(1), Query(Page()), None)).Count);
    }

    [Fact]
    public async Task A_follow_whose_notification_is_stored_already_is_added_without_a_second_one()
    {
        Assert.True(await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Follow, 2, null), None));

        var added = await Store.AddFollowAsync(Id(2), Id(1), Id(200), FollowSettings.Default, Notification(101, 1, NotificationType.Follow, 2, null), None);

        Assert.Equal(new AddedWithNotification(Added: true, Notified: false), added);
        Assert.Equal([Notification(100, 1, NotificationType.Follow, 2, null)], await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
    }

    [Fact]
    public async Task Removing_a_follow_removes_its_notification_and_no_other()
    {
        await Store.AddFollowAsync(Id(2), Id(1), Id(200), FollowSettings.Default, Notification(100, 1, NotificationType.Follow, 2, null), None);
        await Store.AddFollowAsync(Id(3), Id(1), Id(201), FollowSettings.Default, Notification(101, 1, NotificationType.Follow, 3, null), None);
        await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Favourite, 2, 10), None);

        Assert.True(await Store.RemoveFollowAsync(Id(2), Id(1), None));
        Assert.False(await Store.RemoveFollowAsync(Id(2), Id(1), None));

        Assert.Equal(
            [Notification(102, 1, NotificationType.Favourite, 2, 10), Notification(101, 1, NotificationType.Follow, 3, null)],
            await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
    }

    [Fact]
    public async Task A_favourite_and_its_notification_are_written_together_and_removed_together()
    {
        var first = await Store.AddMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(200), Notification(100, 1, NotificationType.Favourite, 2, 10), None);
        var again = await Store.AddMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(201), Notification(101, 1, NotificationType.Favourite, 2, 10), None);
        await Store.AddMarkAsync(StatusMarkKind.Favourite, Id(3), Id(10), Id(202), Notification(102, 1, NotificationType.Favourite, 3, 10), None);

        Assert.Equal(new AddedWithNotification(Added: true, Notified: true), first);
        Assert.Equal(new AddedWithNotification(Added: false, Notified: false), again); // favourited already: nothing written
        Assert.Equal(
            [Notification(102, 1, NotificationType.Favourite, 3, 10), Notification(100, 1, NotificationType.Favourite, 2, 10)],
            await Store.ListNotificationsAsync(Id(1), Query(Page()), None));

        Assert.True(await Store.RemoveMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(1), None));
        Assert.False(await Store.RemoveMarkAsync(StatusMarkKind.Favourite, Id(2), Id(10), Id(1), None));

        Assert.Equal([Notification(102, 1, NotificationType.Favourite, 3, 10)], await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
        Assert.Equal([Id(3)], (await Store.LoadStatusMarksAsync(Id(10), None)).Favourites.Select(mark => mark.OtherId));
    }

    [Fact]
    public async Task A_notification_for_the_same_recipient_type_sender_and_status_is_added_once()
    {
        Assert.True(await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Favourite, 2, 10), None));
        Assert.False(await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Favourite, 2, 10), None));
        Assert.True(await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Reblog, 2, 10), None));
        Assert.True(await Store.AddNotificationAsync(Notification(103, 1, NotificationType.Favourite, 2, 11), None));
        Assert.True(await Store.AddNotificationAsync(Notification(104, 1, NotificationType.Follow, 2, null), None));
        Assert.False(await Store.AddNotificationAsync(Notification(105, 1, NotificationType.Follow, 2, null), None));
        Assert.True(await Store.AddNotificationAsync(Notification(106, 3, NotificationType.Follow, 2, null), None));

        var listed = await Store.ListNotificationsAsync(Id(1), Query(Page()), None);

        Assert.Equal(
            [
                Notification(104, 1, NotificationType.Follow, 2, null),
                Notification(103, 1, NotificationType.Favourite, 2, 11),
                Notification(102, 1, NotificationType.Reblog, 2, 10),
                Notification(100, 1, NotificationType.Favourite, 2, 10),
            ],
            listed);
    }

    [Fact]
    public async Task Deleting_the_notification_of_an_undone_action_removes_only_that_one()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Favourite, 2, 10), None);
        await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Reblog, 2, 10), None);
        await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Favourite, 3, 10), None);
        await Store.AddNotificationAsync(Notification(103, 1, NotificationType.Follow, 2, null), None);
        await Store.AddNotificationAsync(Notification(104, 4, NotificationType.Favourite, 2, 10), None);

        await Store.DeleteNotificationOfAsync(Id(1), NotificationType.Favourite, Id(2), Id(10), None);
        await Store.DeleteNotificationOfAsync(Id(1), NotificationType.Follow, Id(2), null, None);
        await Store.DeleteNotificationOfAsync(Id(1), NotificationType.Follow, Id(9), null, None);

        Assert.Equal(
            [Notification(102, 1, NotificationType.Favourite, 3, 10), Notification(101, 1, NotificationType.Reblog, 2, 10)],
            await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
        Assert.Single(await Store.ListNotificationsAsync(Id(4), Query(Page()), None));
    }

    [Fact]
    public async Task Notifications_filter_by_types_excluded_types_and_sender()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Follow, 2, null), None);
        await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Favourite, 3, 10), None);
        await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Mention, 2, 11), None);
        await Store.AddNotificationAsync(Notification(103, 1, NotificationType.Reblog, 3, 10), None);

        async Task<long[]> List(NotificationQuery query) => [.. (await Store.ListNotificationsAsync(Id(1), query, None)).Select(n => n.Id)];

        Assert.Equal(Ids(102, 100), await List(Query(Page(), types: [NotificationType.Follow, NotificationType.Mention])));
        Assert.Equal(Ids(103, 101), await List(Query(Page(), exclude: [NotificationType.Follow, NotificationType.Mention])));
        Assert.Equal(Ids(102), await List(Query(Page(), types: [NotificationType.Mention, NotificationType.Follow], exclude: [NotificationType.Follow])));
        Assert.Equal(Ids(103, 101), await List(Query(Page(), from: Id(3))));
        Assert.Equal(Ids(101), await List(Query(Page(), types: [NotificationType.Favourite], from: Id(3))));
        Assert.Equal(Ids(103, 102, 101, 100), await List(new NotificationQuery(Page(), default, default, null)));
    }

    [Fact]
    public async Task Notifications_filter_by_status_and_a_matching_delete_takes_every_match_within_the_bounds_whatever_the_limit()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Favourite, 2, 10), None);
        await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Favourite, 3, 10), None);
        await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Favourite, 4, 11), None);
        await Store.AddNotificationAsync(Notification(103, 1, NotificationType.Reblog, 2, 10), None);
        await Store.AddNotificationAsync(Notification(104, 1, NotificationType.Favourite, 5, 10), None);
        await Store.AddNotificationAsync(Notification(105, 6, NotificationType.Favourite, 2, 10), None);

        async Task<long[]> List(int recipient) => [.. (await Store.ListNotificationsAsync(Id(recipient), Query(Page()), None)).Select(n => n.Id)];
        var favouritesOf10 = new NotificationQuery(Page(maxId: Id(104), limit: 1), [NotificationType.Favourite], [], null, Id(10));

        Assert.Equal(Ids(101), (await Store.ListNotificationsAsync(Id(1), favouritesOf10, None)).Select(n => n.Id));
        await Store.DeleteNotificationsAsync(Id(1), favouritesOf10, None);

        Assert.Equal(Ids(104, 103, 102), await List(1));
        Assert.Equal(Ids(105), await List(6));
    }

    [Fact]
    public async Task Notifications_page_by_id()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.AddNotificationAsync(Notification(100 + i, 1, NotificationType.Mention, 2, 10 + i), None);
        }

        async Task<long[]> List(PageRequest page) => [.. (await Store.ListNotificationsAsync(Id(1), Query(page), None)).Select(n => n.Id)];

        Assert.Equal(Ids(105, 104), await List(Page(limit: 2)));
        Assert.Equal(Ids(103, 102), await List(Page(maxId: Id(104), limit: 2)));
        Assert.Equal(Ids(105, 104), await List(Page(sinceId: Id(101), limit: 2)));
        Assert.Equal(Ids(103, 102), await List(Page(minId: Id(101), limit: 2)));
        Assert.Empty(await List(Page(limit: 0)));
    }

    [Fact]
    public async Task A_notification_can_be_read_and_dismissed_only_by_its_recipient()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Favourite, 2, 10), None);

        Assert.Equal(Notification(100, 1, NotificationType.Favourite, 2, 10), await Store.GetNotificationAsync(Id(1), Id(100), None));
        Assert.Null(await Store.GetNotificationAsync(Id(3), Id(100), None));
        Assert.False(await Store.DeleteNotificationAsync(Id(3), Id(100), None));
        Assert.True(await Store.DeleteNotificationAsync(Id(1), Id(100), None));
        Assert.False(await Store.DeleteNotificationAsync(Id(1), Id(100), None));
        Assert.Null(await Store.GetNotificationAsync(Id(1), Id(100), None));

        // Dismissed, the same event may notify again.
        Assert.True(await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Favourite, 2, 10), None));
    }

    [Fact]
    public async Task Clearing_notifications_removes_only_the_recipients()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Follow, 2, null), None);
        await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Mention, 2, 10), None);
        await Store.AddNotificationAsync(Notification(102, 3, NotificationType.Follow, 2, null), None);

        await Store.ClearNotificationsAsync(Id(1), None);

        Assert.Empty(await Store.ListNotificationsAsync(Id(1), Query(Page()), None));
        Assert.Single(await Store.ListNotificationsAsync(Id(3), Query(Page()), None));
    }

    [Fact]
    public async Task Notifications_about_a_deleted_status_are_removed_for_that_recipient()
    {
        await Store.AddNotificationAsync(Notification(100, 1, NotificationType.Favourite, 2, 10), None);
        await Store.AddNotificationAsync(Notification(101, 1, NotificationType.Reblog, 3, 10), None);
        await Store.AddNotificationAsync(Notification(102, 1, NotificationType.Mention, 2, 11), None);
        await Store.AddNotificationAsync(Notification(103, 1, NotificationType.Follow, 2, null), None);
        await Store.AddNotificationAsync(Notification(104, 4, NotificationType.Favourite, 2, 10), None);

        await Store.DeleteNotificationsForStatusAsync(Id(1), Id(10), None);

        Assert.Equal(Ids(103, 102), (await Store.ListNotificationsAsync(Id(1), Query(Page()), None)).Select(n => n.Id));
        Assert.Single(await Store.ListNotificationsAsync(Id(4), Query(Page()), None));
    }

    // Schema -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Stores_starting_together_on_a_new_database_create_the_schema_once_and_work()
    {
        var (create, drop) = await CreateFreshDatabaseAsync();
        try
        {
            var stores = Enumerable.Range(0, 4).Select(_ => create()).ToArray();
            try
            {
                // Two create the schema explicitly, two lazily on first use, all at once.
                await Task.WhenAll(
                    Task.Run(() => stores[0].EnsureSchemaAsync(None)),
                    Task.Run(() => stores[1].EnsureSchemaAsync(None)),
                    Task.Run(() => stores[2].AddFollowWithoutNotificationAsync(1, 2, 100, FollowSettings.Default, None)),
                    Task.Run(() => stores[3].AddFollowWithoutNotificationAsync(3, 2, 101, FollowSettings.Default, None)));
                await stores[0].EnsureSchemaAsync(None);

                foreach (var store in stores)
                {
                    Assert.Equal(2, await store.CountFollowersAsync(2, None));
                }
            }
            finally
            {
                foreach (var store in stores)
                {
                    await ((IAsyncDisposable)store).DisposeAsync();
                }
            }
        }
        finally
        {
            await drop();
        }
    }
}
