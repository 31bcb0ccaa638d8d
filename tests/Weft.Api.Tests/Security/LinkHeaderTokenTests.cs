using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Security;

/// <summary>A token sent as <c>?access_token=</c> is not copied into the Link header's page URLs (headers get logged and cached).</summary>
public sealed class LinkHeaderTokenTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Link_header_leaves_out_the_access_token_query_parameter()
    {
        using var author = await fixture.NewUserAsync("paged");
        await author.PostStatusAsync("first");
        await author.PostStatusAsync("second");

        // An account's statuses list reads the index the fan-out writes a few milliseconds after each post returns.
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await author.GetJsonAsync($"/api/v1/accounts/{author.Id}/statuses")).Count == 2, "both statuses indexed");
        using var client = fixture.Factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/accounts/{author.Id}/statuses?limit=1&access_token={author.Token}&exclude_replies=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.DoesNotContain(author.Token, link, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", link, StringComparison.Ordinal);
        Assert.Contains("exclude_replies=true", link, StringComparison.Ordinal);
    }
}
