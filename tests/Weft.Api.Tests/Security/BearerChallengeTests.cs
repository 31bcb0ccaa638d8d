using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Auth;
using Weft.Api.Tests.Support;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.Tests.Security;

/// <summary>
/// Refusals for bearer-token reasons carry RFC 6750's WWW-Authenticate challenge as Mastodon (Doorkeeper) sends it,
/// beside the JSON body: invalid_token on 401, insufficient_scope on 403.
/// </summary>
public sealed class BearerChallengeTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private const string InvalidTokenChallenge =
        "Bearer realm=\"Weft\", error=\"invalid_token\", error_description=\"The access token is invalid\"";

    [Fact]
    public async Task No_token_on_a_user_endpoint_is_401_with_an_invalid_token_challenge()
    {
        using var anonymous = fixture.Factory.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/timelines/home");

        Assert.Equal("The access token is invalid", (await Json.ReadAsync(response, HttpStatusCode.Unauthorized)).Str("error"));
        Assert.Equal(InvalidTokenChallenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/api/v1/timelines/home")]
    [InlineData("/api/v1/timelines/public")]
    [InlineData("/api/v1/instance")]
    public async Task An_unknown_token_is_401_with_an_invalid_token_challenge_on_any_endpoint(string path)
    {
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-this-server-issued");

        var response = await client.GetAsync(path);

        Assert.Equal("The access token is invalid", (await Json.ReadAsync(response, HttpStatusCode.Unauthorized)).Str("error"));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("realm=\"Weft\", error=\"invalid_token\", error_description=\"The access token is invalid\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("/api/v1/timelines/public")]
    [InlineData("/api/v1/timelines/home")]
    public async Task Two_authorization_headers_are_401_even_when_one_holds_a_valid_token(string path)
    {
        using var user = await fixture.NewUserAsync("two_headers");
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + user.Token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer another");

        var response = await client.SendAsync(request);

        Assert.Equal("The access token is invalid", (await Json.ReadAsync(response, HttpStatusCode.Unauthorized)).Str("error"));
        Assert.Equal(InvalidTokenChallenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_revoked_token_is_401_with_an_invalid_token_challenge()
    {
        using var user = await fixture.NewUserAsync("revoked");
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        var token = grains.GetGrain<IAccessTokenGrain>(AccessTokens.Hash(user.Token));
        Assert.True(await token.RevokeAsync((await token.GetAsync())!.ClientId));

        var response = await user.Client.GetAsync("/api/v1/accounts/verify_credentials");

        await Json.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(InvalidTokenChallenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_without_the_scope_is_403_with_an_insufficient_scope_challenge_naming_it()
    {
        using var user = await fixture.NewUserAsync("narrow");
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        var writeOnly = await ApiUser.IssueTokenAsync(grains, user.AccountId, "write");
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writeOnly);

        var response = await client.GetAsync("/api/v1/timelines/home");

        Assert.Equal("This action is outside the authorized scopes", (await Json.ReadAsync(response, HttpStatusCode.Forbidden)).Str("error"));
        Assert.Equal(
            "Bearer realm=\"Weft\", error=\"insufficient_scope\", "
            + "error_description=\"The request requires higher privileges than provided by the access token.\", scope=\"read:statuses\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Successful_and_other_refused_requests_carry_no_challenge()
    {
        using var user = await fixture.NewUserAsync("plain");

        var ok = await user.Client.GetAsync("/api/v1/timelines/home");
        var notFound = await user.Client.GetAsync("/api/v1/statuses/1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Empty(ok.Headers.WwwAuthenticate);
        Assert.Empty(notFound.Headers.WwwAuthenticate);
    }
}
