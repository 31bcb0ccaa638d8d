using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Security;

/// <summary>
/// Endpoints open to anonymous callers still check the token when one is sent (Mastodon's authorize_if_got_token!):
/// a token without the read scope must not read through them, least of all private statuses of followed accounts.
/// </summary>
public sealed class OptionalTokenScopeTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    public static TheoryData<string> OptionalTokenRoutes => new()
    {
        "/api/v1/statuses/{status}",
        "/api/v1/statuses/{status}/context",
        "/api/v1/statuses/{status}/favourited_by",
        "/api/v1/statuses/{status}/reblogged_by",
        "/api/v1/accounts/{account}",
        "/api/v1/accounts/{account}/statuses",
        "/api/v1/accounts/{account}/followers",
        "/api/v1/accounts/{account}/following",
        "/api/v1/accounts/lookup?acct={username}",
        "/api/v1/timelines/public",
    };

    [Theory]
    [MemberData(nameof(OptionalTokenRoutes))]
    public async Task A_token_without_read_scope_is_refused_403_on_public_read_routes(string route)
    {
        using var author = await fixture.NewUserAsync("author");
        using var follower = await fixture.NewUserAsync("follower");
        await follower.FollowAsync(author);
        var secret = await author.PostStatusAsync("followers only secret", "private");
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        var writeOnly = await ApiUser.IssueTokenAsync(grains, follower.AccountId, "write follow");
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writeOnly);
        var path = route.Replace("{status}", secret.Str("id"), StringComparison.Ordinal)
            .Replace("{account}", author.Id, StringComparison.Ordinal)
            .Replace("{username}", author.Username, StringComparison.Ordinal);

        var refused = await Json.ReadAsync(await client.GetAsync(path), HttpStatusCode.Forbidden);
        var allowed = await follower.Client.GetAsync(path);

        Assert.Equal("This action is outside the authorized scopes", refused.Str("error"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_still_read_public_statuses()
    {
        using var author = await fixture.NewUserAsync("open_author");
        var post = await author.PostStatusAsync("hello world");
        using var anonymous = fixture.Factory.CreateClient();

        var read = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{post.Str("id")}"), HttpStatusCode.OK);

        Assert.Equal(post.Str("id"), read.Str("id"));
    }
}
