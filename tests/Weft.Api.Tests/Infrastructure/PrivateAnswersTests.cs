using System.Net;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>API answers are the caller's own: no shared cache may keep them (Mastodon's default Cache-Control).</summary>
public sealed class PrivateAnswersTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Api_answers_errors_included_are_private_and_not_stored()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();

        using var home = await alice.Client.GetAsync("/api/v1/timelines/home");
        using var app = await anonymous.PostAsync("/api/v1/apps", new FormUrlEncodedContent([new("client_name", "cached?"), new("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")]));
        using var missing = await alice.Client.GetAsync("/api/v1/statuses/424242");
        using var malformed = await alice.Client.GetAsync("/api/v1/timelines/home?limit=many");

        foreach (var response in new[] { home, app, missing })
        {
            Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }

        // A refusal thrown on the way is written by the error handler, which marks it no-cache, no-store itself.
        Assert.True(malformed.Headers.CacheControl is { NoStore: true }, malformed.Headers.CacheControl?.ToString());

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest),
            (home.StatusCode, app.StatusCode, missing.StatusCode, malformed.StatusCode));
        Assert.Null((await anonymous.GetAsync("/.well-known/oauth-authorization-server")).Headers.CacheControl);
    }
}
