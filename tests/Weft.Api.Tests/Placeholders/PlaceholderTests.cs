using System.Net;
using System.Text.Json;
using Weft.Api.Tests.OAuth;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Placeholders;

public sealed class PlaceholderTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>, IAsyncLifetime
{
    private readonly HttpClient _anonymous = host.Factory.CreateClient();
    private readonly HttpClient _user = host.Factory.CreateClient();

    public async Task InitializeAsync() =>
        TestAccounts.Authorize(_user, await TestAccounts.RegisterAsync(_anonymous, "starter_" + Guid.NewGuid().ToString("N")[..8]));

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/v1/lists", JsonValueKind.Array)]
    [InlineData("/api/v1/mutes", JsonValueKind.Array)]
    [InlineData("/api/v1/blocks", JsonValueKind.Array)]
    [InlineData("/api/v1/domain_blocks", JsonValueKind.Array)]
    [InlineData("/api/v1/filters", JsonValueKind.Array)]
    [InlineData("/api/v2/filters", JsonValueKind.Array)]
    [InlineData("/api/v1/markers", JsonValueKind.Object)]
    [InlineData("/api/v1/announcements", JsonValueKind.Array)]
    [InlineData("/api/v1/conversations", JsonValueKind.Array)]
    [InlineData("/api/v1/follow_requests", JsonValueKind.Array)]
    [InlineData("/api/v1/followed_tags", JsonValueKind.Array)]
    [InlineData("/api/v1/featured_tags", JsonValueKind.Array)]
    [InlineData("/api/v2/suggestions", JsonValueKind.Array)]
    public async Task Start_up_endpoints_need_a_user_and_answer_empty(string path, JsonValueKind kind)
    {
        var refused = await JsonAsync(await _anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is invalid", refused.GetProperty("error").GetString());

        var answer = await JsonAsync(await _user.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(kind, answer.ValueKind);
        Assert.Equal(kind == JsonValueKind.Array ? "[]" : "{}", answer.GetRawText());
    }

    [Fact]
    public async Task Preferences_have_mastodons_keys()
    {
        var preferences = await JsonAsync(await _user.GetAsync("/api/v1/preferences"), HttpStatusCode.OK);

        Assert.Equal("public", preferences.GetProperty("posting:default:visibility").GetString());
        Assert.False(preferences.GetProperty("posting:default:sensitive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("posting:default:language").ValueKind);
        Assert.Equal("default", preferences.GetProperty("reading:expand:media").GetString());
        Assert.False(preferences.GetProperty("reading:expand:spoilers").GetBoolean());
    }

    [Fact]
    public async Task App_token_gets_422_where_a_user_is_required()
    {
        var app = await TestAccounts.CreateAppAsync(_anonymous);
        using var appClient = host.Factory.CreateClient();
        TestAccounts.Authorize(appClient, await TestAccounts.ClientCredentialsTokenAsync(_anonymous, app));

        var refused = await JsonAsync(await appClient.GetAsync("/api/v1/lists"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("This method requires an authenticated user", refused.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_without_the_scope_gets_403()
    {
        var app = await TestAccounts.CreateAppAsync(_anonymous);
        await TestAccounts.RegisterAsync(_anonymous, "scoped_reader");
        using var scoped = host.Factory.CreateClient();
        TestAccounts.Authorize(scoped, await TestAccounts.PasswordTokenAsync(_anonymous, app, "scoped_reader", scopes: "read:statuses"));

        await JsonAsync(await scoped.GetAsync("/api/v1/markers"), HttpStatusCode.OK);
        var refused = await JsonAsync(await scoped.GetAsync("/api/v1/filters"), HttpStatusCode.Forbidden);

        Assert.Equal("This action is outside the authorized scopes", refused.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/v1/custom_emojis")]
    [InlineData("/api/v1/trends")]
    [InlineData("/api/v1/trends/tags")]
    [InlineData("/api/v1/trends/statuses")]
    [InlineData("/api/v1/trends/links")]
    public async Task Public_lists_are_empty_without_a_token(string path)
    {
        var list = await JsonAsync(await _anonymous.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(0, list.GetArrayLength());
    }
}
