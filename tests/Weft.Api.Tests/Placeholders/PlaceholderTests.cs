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
    [InlineData("/api/v1/featured_tags/suggestions", JsonValueKind.Array)]
    [InlineData("/api/v2/suggestions", JsonValueKind.Array)]
    [InlineData("/api/v1/suggestions", JsonValueKind.Array)]
    [InlineData("/api/v1/endorsements", JsonValueKind.Array)]
    [InlineData("/api/v1/scheduled_statuses", JsonValueKind.Array)]
    [InlineData("/api/v1/notifications/requests", JsonValueKind.Array)]
    public async Task Start_up_endpoints_need_a_user_and_answer_empty(string path, JsonValueKind kind)
    {
        var refused = await JsonAsync(await _anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is invalid", refused.GetProperty("error").GetString());

        var answer = await JsonAsync(await _user.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(kind, answer.ValueKind);
        Assert.Equal(kind == JsonValueKind.Array ? "[]" : "{}", answer.GetRawText());
    }

    [Theory]
    [InlineData("/api/v2/media", "Validation failed: Media attachments are not supported yet")]
    [InlineData("/api/v1/media", "Validation failed: Media attachments are not supported yet")]
    [InlineData("/api/v1/accounts/1/block", "Blocking is not supported yet")]
    [InlineData("/api/v1/accounts/1/unblock", "Blocking is not supported yet")]
    [InlineData("/api/v1/accounts/1/pin", "Endorsing accounts is not supported yet")]
    [InlineData("/api/v1/accounts/1/unpin", "Endorsing accounts is not supported yet")]
    [InlineData("/api/v1/accounts/1/endorse", "Endorsing accounts is not supported yet")]
    [InlineData("/api/v1/accounts/1/unendorse", "Endorsing accounts is not supported yet")]
    [InlineData("/api/v1/statuses/1/mute", "Muting conversations is not supported yet")]
    [InlineData("/api/v1/statuses/1/unmute", "Muting conversations is not supported yet")]
    [InlineData("/api/v1/tags/weft/follow", "Following hashtags is not supported yet")]
    [InlineData("/api/v1/tags/weft/unfollow", "Following hashtags is not supported yet")]
    [InlineData("/api/v2/filters", "Validation failed: Filters are not supported yet")]
    [InlineData("/api/v1/filters", "Validation failed: Filters are not supported yet")]
    [InlineData("/api/v1/reports", "Validation failed: Reports are not supported yet")]
    public async Task Actions_not_built_yet_are_refused_saying_so(string path, string error)
    {
        await JsonAsync(await _anonymous.PostAsync(path, null), HttpStatusCode.Unauthorized);

        using var upload = new MultipartFormDataContent { { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]), "file", "a.png" } };
        var refused = await JsonAsync(await _user.PostAsync(path, upload), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(error, refused.GetProperty("error").GetString());
        if (path.Contains("/1/", StringComparison.Ordinal))
        {
            // A malformed id names nothing, as on every id route.
            var missing = await JsonAsync(await _user.PostAsync(path.Replace("/1/", "/abc/", StringComparison.Ordinal), null), HttpStatusCode.NotFound);
            Assert.Equal("Record not found", missing.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task The_notification_policy_accepts_everything_and_has_nothing_pending()
    {
        await JsonAsync(await _anonymous.GetAsync("/api/v2/notifications/policy"), HttpStatusCode.Unauthorized);

        var v2 = await JsonAsync(await _user.GetAsync("/api/v2/notifications/policy"), HttpStatusCode.OK);
        var v1 = await JsonAsync(await _user.GetAsync("/api/v1/notifications/policy"), HttpStatusCode.OK);

        foreach (var category in (string[])["for_not_following", "for_not_followers", "for_new_accounts", "for_private_mentions", "for_limited_accounts"])
        {
            Assert.Equal("accept", v2.GetProperty(category).GetString());
        }

        foreach (var filter in (string[])["filter_not_following", "filter_not_followers", "filter_new_accounts", "filter_private_mentions"])
        {
            Assert.False(v1.GetProperty(filter).GetBoolean());
        }

        foreach (var policy in (JsonElement[])[v1, v2])
        {
            Assert.Equal(0, policy.GetProperty("summary").GetProperty("pending_requests_count").GetInt32());
            Assert.Equal(0, policy.GetProperty("summary").GetProperty("pending_notifications_count").GetInt32());
        }
    }

    [Fact]
    public async Task Dismissing_a_suggestion_of_an_account_is_done_and_of_an_unknown_one_404()
    {
        var me = await JsonAsync(await _user.GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);

        var dismissed = await JsonAsync(await _user.DeleteAsync($"/api/v1/suggestions/{me.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        await JsonAsync(await _user.DeleteAsync("/api/v1/suggestions/999999999"), HttpStatusCode.NotFound);
        await JsonAsync(await _anonymous.DeleteAsync($"/api/v1/suggestions/{me.GetProperty("id").GetString()}"), HttpStatusCode.Unauthorized);

        Assert.Equal("{}", dismissed.GetRawText());
    }

    [Fact]
    public async Task An_accounts_featured_tags_are_public_and_an_unknown_account_is_404()
    {
        var me = await JsonAsync(await _user.GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);

        var tags = await JsonAsync(await _anonymous.GetAsync($"/api/v1/accounts/{me.GetProperty("id").GetString()}/featured_tags"), HttpStatusCode.OK);
        var unknown = await JsonAsync(await _anonymous.GetAsync("/api/v1/accounts/999999999/featured_tags"), HttpStatusCode.NotFound);
        var malformed = await JsonAsync(await _anonymous.GetAsync("/api/v1/accounts/abc/featured_tags"), HttpStatusCode.NotFound);

        Assert.Equal("[]", tags.GetRawText());
        Assert.Equal("Record not found", unknown.GetProperty("error").GetString());
        Assert.Equal("Record not found", malformed.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/v1/instance/translation_languages", "{}")]
    [InlineData("/api/v1/directory?local=true&order=new", "[]")]
    public async Task Public_start_up_endpoints_answer_empty(string path, string expected)
    {
        var answer = await JsonAsync(await _anonymous.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(expected, answer.GetRawText());
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
