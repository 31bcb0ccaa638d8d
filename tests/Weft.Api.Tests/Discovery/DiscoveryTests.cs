using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Discovery;

/// <summary>WebFinger for local accounts and NodeInfo 2.0.</summary>
public sealed class DiscoveryTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("acct:{0}@localhost")]
    [InlineData("acct:{1}@LOCALHOST")]
    [InlineData("{0}@localhost")]
    [InlineData("http://localhost/@{0}")]
    [InlineData("http://localhost/users/{0}")]
    public async Task WebFinger_finds_a_local_account_by_acct_or_profile_url(string resourceFormat)
    {
        using var alice = await api.NewUserAsync("Alice");
        using var anonymous = api.Factory.CreateClient();
        var resource = string.Format(System.Globalization.CultureInfo.InvariantCulture, resourceFormat, alice.Username, alice.Username.ToUpperInvariant());

        var response = await anonymous.GetAsync("/.well-known/webfinger?resource=" + Uri.EscapeDataString(resource));

        Assert.Equal("application/jrd+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jrd = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"acct:{alice.Username}@localhost", jrd.Str("subject"));
        Assert.Contains($"http://localhost/@{alice.Username}", jrd.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal($"http://localhost/@{alice.Username}", jrd.GetProperty("links")[0].Str("href"));
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("?resource=", HttpStatusCode.BadRequest)]
    [InlineData("?resource=acct:nobody_here@localhost", HttpStatusCode.NotFound)]
    [InlineData("?resource=acct:someone@elsewhere.example", HttpStatusCode.NotFound)]
    [InlineData("?resource=https://elsewhere.example/@someone", HttpStatusCode.NotFound)]
    [InlineData("?resource=acct:'%3B%20DROP%20TABLE%20accounts%3B--@localhost", HttpStatusCode.NotFound)]
    [InlineData("?resource=http://localhost/statuses/1", HttpStatusCode.NotFound)]
    public async Task WebFinger_answers_json_errors_for_bad_or_unknown_resources(string query, HttpStatusCode expected)
    {
        using var anonymous = api.Factory.CreateClient();

        var error = await Json.ReadAsync(await anonymous.GetAsync("/.well-known/webfinger" + query), expected);

        Assert.False(string.IsNullOrEmpty(error.Str("error")));
    }

    [Fact]
    public async Task NodeInfo_is_linked_from_its_well_known_document_and_counts_users_and_posts()
    {
        using var alice = await api.NewUserAsync("alice");
        await alice.PostStatusAsync("counted");
        using var anonymous = api.Factory.CreateClient();

        var links = await Json.ReadAsync(await anonymous.GetAsync("/.well-known/nodeinfo"), HttpStatusCode.OK);
        var href = links.GetProperty("links")[0].Str("href");
        Assert.Equal("http://nodeinfo.diaspora.software/ns/schema/2.0", links.GetProperty("links")[0].Str("rel"));
        Assert.Equal("http://localhost/nodeinfo/2.0", href);

        var nodeInfo = await Json.ReadAsync(await anonymous.GetAsync(href), HttpStatusCode.OK);
        Assert.Equal("2.0", nodeInfo.Str("version"));
        Assert.Equal("weft", nodeInfo.GetProperty("software").Str("name"));
        Assert.True(nodeInfo.GetProperty("usage").GetProperty("users").GetProperty("total").GetInt64() >= 1);
        Assert.True(nodeInfo.GetProperty("openRegistrations").GetBoolean());
    }
}
