using System.Net;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Search;

public sealed class SearchTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Accounts_are_found_by_username_prefix_shortest_first_in_both_search_endpoints()
    {
        using var alice = await api.NewUserAsync("searchy");
        using var longer = await api.NewUserAsync("searchy_long");
        using var other = await api.NewUserAsync("unrelated");

        var v1 = await other.GetJsonAsync("/api/v1/accounts/search?q=SEARCHY");
        var v2 = await other.GetJsonAsync("/api/v2/search?q=%40searchy&type=accounts");
        var anonymous = await Json.ReadAsync(await api.Factory.CreateClient().GetAsync("/api/v2/search?q=searchy"), HttpStatusCode.OK);

        Assert.Equal([alice.Id, longer.Id], Json.Ids(v1));
        Assert.Equal(alice.Username, v1[0].Str("username"));
        Assert.Equal([alice.Id, longer.Id], Json.Ids(v2.GetProperty("accounts")));
        Assert.Equal(0, v2.GetProperty("statuses").GetArrayLength());
        Assert.Equal(0, v2.GetProperty("hashtags").GetArrayLength());
        Assert.Equal([alice.Id, longer.Id], Json.Ids(anonymous.GetProperty("accounts")));
        Assert.Equal([longer.Id], Json.Ids(await other.GetJsonAsync("/api/v1/accounts/search?q=searchy&offset=1&limit=1")));
        Assert.Equal([alice.Id], Json.Ids(await other.GetJsonAsync($"/api/v1/accounts/search?q={alice.Username}@localhost")));
        Assert.Equal(0, (await other.GetJsonAsync("/api/v2/search?q=searchy&type=statuses")).GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task Accounts_are_found_by_words_of_their_display_name_and_a_rename_is_searched_at_once()
    {
        using var user = await api.NewUserAsync("zq_named");
        using var other = await api.NewUserAsync("zq_finder");
        await Json.ReadAsync(
            await user.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent([new("display_name", "Zebulon Quux")])),
            HttpStatusCode.OK);

        Assert.Equal([user.Id], Json.Ids(await other.GetJsonAsync("/api/v1/accounts/search?q=Zebulon")));
        Assert.Equal([user.Id], Json.Ids((await other.GetJsonAsync("/api/v2/search?q=quux%20zeb&type=accounts")).GetProperty("accounts")));

        await Json.ReadAsync(
            await user.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent([new("display_name", "Another Name")])),
            HttpStatusCode.OK);

        Assert.Empty(Json.Ids(await other.GetJsonAsync("/api/v1/accounts/search?q=Zebulon")));
        Assert.Equal([user.Id], Json.Ids(await other.GetJsonAsync("/api/v1/accounts/search?q=another%20na")));
    }

    [Fact]
    public async Task Resolving_remote_accounts_needs_a_signed_in_user_as_in_mastodon()
    {
        using var user = await api.NewUserAsync("resolver");
        using var anonymous = api.Factory.CreateClient();

        var refused = await Json.ReadAsync(await anonymous.GetAsync("/api/v2/search?q=resolver&resolve=true"), HttpStatusCode.Unauthorized);
        var found = await user.GetJsonAsync("/api/v2/search?q=resolver&resolve=true");
        var unresolved = await Json.ReadAsync(await anonymous.GetAsync("/api/v2/search?q=resolver&resolve=false"), HttpStatusCode.OK);

        Assert.Equal("Search queries that resolve remote resources are not supported without authentication", refused.Str("error"));
        Assert.Equal([user.Id], Json.Ids(found.GetProperty("accounts")));
        Assert.Equal([user.Id], Json.Ids(unresolved.GetProperty("accounts")));
    }

    [Fact]
    public async Task Resolving_a_link_to_this_server_finds_that_profile_or_status_alone_if_visible()
    {
        using var author = await api.NewUserAsync("linked");
        using var reader = await api.NewUserAsync("reader");
        var status = await author.PostStatusAsync("find me by my link");
        var hidden = await author.PostStatusAsync("followers only", "private");
        var id = status.Str("id");
        var origin = reader.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        // "account ids | status ids" found.
        async Task<string> ResolveAsync(string q, string extra = "&resolve=true")
        {
            var results = await reader.GetJsonAsync("/api/v2/search?q=" + Uri.EscapeDataString(q) + extra);
            Assert.Equal(0, results.GetProperty("hashtags").GetArrayLength());
            return string.Join(",", Json.Ids(results.GetProperty("accounts"))) + "|" + string.Join(",", Json.Ids(results.GetProperty("statuses")));
        }

        Assert.Equal($"|{id}", await ResolveAsync(status.Str("url")));
        Assert.Equal($"|{id}", await ResolveAsync(status.Str("uri")));
        Assert.Equal($"{author.Id}|", await ResolveAsync(status.GetProperty("account").Str("url")));
        Assert.Equal($"{author.Id}|", await ResolveAsync($"{origin}/users/{author.Username.ToUpperInvariant()}"));

        // Nothing else: a status the reader may not see, one under another name, another server's link, another type,
        // a second page, or the same link without resolve (no username looks like a URL).
        Assert.Equal("|", await ResolveAsync(hidden.Str("url")));
        Assert.Equal("|", await ResolveAsync($"{origin}/@{reader.Username}/{id}"));
        Assert.Equal("|", await ResolveAsync($"https://elsewhere.example/@{author.Username}/{id}"));
        Assert.Equal("|", await ResolveAsync(status.Str("url"), "&resolve=true&type=accounts"));
        Assert.Equal("|", await ResolveAsync(status.Str("url"), "&resolve=true&offset=1"));
        Assert.Equal("|", await ResolveAsync($"{origin}/@{author.Username}/not-an-id"));
        Assert.Equal("|", await ResolveAsync(status.Str("url"), ""));
    }

    [Fact]
    public async Task Hashtags_in_use_are_found_by_prefix_with_or_without_the_hash()
    {
        using var author = await api.NewUserAsync("tagger");
        var last = (await author.PostStatusAsync("#FindMeTag and #findmetagtoo")).Str("id");
        await Weft.Testing.Eventually.WaitUntilAsync(
            async () => Json.Ids(await author.GetJsonAsync("/api/v1/timelines/tag/findmetagtoo")).Contains(last),
            "the tags to be indexed");

        var both = await author.GetJsonAsync("/api/v2/search?q=%23findmetag");
        var one = await author.GetJsonAsync("/api/v2/search?q=FINDMETAGT&type=hashtags");

        Assert.Equal(["findmetag", "findmetagtoo"], both.GetProperty("hashtags").EnumerateArray().Select(t => t.Str("name")));
        Assert.EndsWith("/tags/findmetag", both.GetProperty("hashtags")[0].Str("url"), StringComparison.Ordinal);
        Assert.Equal(["findmetagtoo"], one.GetProperty("hashtags").EnumerateArray().Select(t => t.Str("name")));
        Assert.Equal(0, one.GetProperty("accounts").GetArrayLength());
        Assert.Equal(0, (await author.GetJsonAsync("/api/v2/search?q=findmetag&type=accounts")).GetProperty("hashtags").GetArrayLength());
    }

    [Fact]
    public async Task Following_narrows_the_results_to_followed_accounts()
    {
        using var followed = await api.NewUserAsync("narrow");
        using var notFollowed = await api.NewUserAsync("narrow");
        using var reader = await api.NewUserAsync("reader");
        await reader.FollowAsync(followed);

        Assert.Equal([followed.Id], Json.Ids(await reader.GetJsonAsync("/api/v1/accounts/search?q=narrow&following=true")));
        Assert.Equal(2, (await reader.GetJsonAsync("/api/v1/accounts/search?q=narrow")).GetArrayLength());
    }

    [Theory]
    [InlineData("{\"q\": \"a\", \"limit\": [1]}")]
    [InlineData("{\"q\": \"a\", \"offset\": {\"n\": 1}}")]
    [InlineData("{\"q\": \"a\", \"limit\": 99999999999}")]
    public async Task Malformed_paging_in_a_json_body_is_a_bad_request(string body)
    {
        using var user = await api.NewUserAsync("pager");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/search")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        await Json.ReadAsync(await user.Client.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/accounts/search?q=alice@elsewhere.example")]
    [InlineData("/api/v1/accounts/search?q=%27%20OR%201%3D1%20--")]
    [InlineData("/api/v1/accounts/search?q=%25")]
    [InlineData("/api/v1/accounts/search?q=a%C3%A9")]
    public async Task Queries_that_cannot_name_a_local_account_find_nothing(string path)
    {
        using var user = await api.NewUserAsync("alice");

        Assert.Equal(0, (await user.GetJsonAsync(path)).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/accounts/search", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/search?q=%20", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/search?q=a&type=people", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/search?q=a&offset=-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/search?q=a&limit=many", HttpStatusCode.BadRequest)]
    [InlineData("/api/v2/search?q=a&offset=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/accounts/search?q=a&limit=1.5", HttpStatusCode.BadRequest)]
    public async Task Bad_parameters_are_json_errors(string path, HttpStatusCode expected)
    {
        using var user = await api.NewUserAsync("alice");

        var error = await Json.ReadAsync(await user.Client.GetAsync(path), expected);

        Assert.False(string.IsNullOrEmpty(error.Str("error")));
    }

    [Fact]
    public async Task Anonymous_paging_and_anonymous_account_search_need_a_token()
    {
        using var anonymous = api.Factory.CreateClient();

        var paging = await Json.ReadAsync(await anonymous.GetAsync("/api/v2/search?q=alice&offset=5"), HttpStatusCode.Unauthorized);
        Assert.Equal("Search queries pagination is not supported without authentication", paging.Str("error"));
        await Json.ReadAsync(await anonymous.GetAsync("/api/v1/accounts/search?q=alice"), HttpStatusCode.Unauthorized);
    }
}

public sealed class InstanceStatisticsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task The_instance_documents_count_accounts_statuses_and_recent_authors()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var quiet = await api.NewUserAsync("quiet");
        var first = (await alice.PostStatusAsync("one")).Str("id");
        await alice.PostStatusAsync("two");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{first}/reblog"), HttpStatusCode.OK);
        using var anonymous = api.Factory.CreateClient();

        // Counted from the index the fan-out writes: wait for all three statuses there before the (cached) first read.
        await Weft.Testing.Eventually.WaitUntilAsync(
            async () => (await alice.GetJsonAsync($"/api/v1/accounts/{bob.Id}/statuses")).GetArrayLength() == 1
                && (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")).GetArrayLength() == 2,
            "the statuses to be indexed");
        var v1 = await Json.ReadAsync(await anonymous.GetAsync("/api/v1/instance"), HttpStatusCode.OK);
        var v2 = await Json.ReadAsync(await anonymous.GetAsync("/api/v2/instance"), HttpStatusCode.OK);

        var stats = v1.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("user_count").GetInt64());
        Assert.Equal(3, stats.GetProperty("status_count").GetInt64());
        Assert.Equal(0, stats.GetProperty("domain_count").GetInt64());
        Assert.Equal(2, v2.GetProperty("usage").GetProperty("users").GetProperty("active_month").GetInt64());
    }
}
