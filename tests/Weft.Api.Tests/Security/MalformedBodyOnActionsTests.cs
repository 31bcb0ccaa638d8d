using System.Net;
using System.Text;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Security;

/// <summary>
/// Actions that take no parameters (favourite, delete, clear notifications, unfollow…) refuse a request whose body is
/// malformed, as Mastodon does (Rails parses the parameters before any action), and change nothing; with a well-formed
/// body, or none, they act.
/// </summary>
public sealed class MalformedBodyOnActionsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "application/json", "[" },
        { "application/json", "{\"bad" },
        { "application/x-www-form-urlencoded", "x=%FF" },
        { "multipart/form-data", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno closing boundary" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_a_4xx_json_error_and_the_action_does_not_happen(string contentType, string body)
    {
        using var author = await api.NewUserAsync("body_author");
        using var reader = await api.NewUserAsync("body_reader");
        await reader.FollowAsync(author);
        var status = (await author.PostStatusAsync("do not delete me")).Str("id");
        await Json.ReadAsync(await reader.PostFormAsync($"/api/v1/statuses/{status}/favourite"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => (await author.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 2, "the author's follow and favourite notifications");

        await AssertRefusedAsync(reader, HttpMethod.Post, $"/api/v1/statuses/{status}/unfavourite", contentType, body);
        await AssertRefusedAsync(reader, HttpMethod.Post, $"/api/v1/statuses/{status}/bookmark", contentType, body);
        await AssertRefusedAsync(reader, HttpMethod.Post, $"/api/v1/accounts/{author.Id}/unfollow", contentType, body);
        await AssertRefusedAsync(author, HttpMethod.Delete, $"/api/v1/statuses/{status}", contentType, body);
        await AssertRefusedAsync(author, HttpMethod.Post, "/api/v1/notifications/clear", contentType, body);

        var stored = await reader.GetJsonAsync($"/api/v1/statuses/{status}");
        Assert.True(stored.GetProperty("favourited").GetBoolean());
        Assert.False(stored.GetProperty("bookmarked").GetBoolean());
        Assert.True((await reader.GetJsonAsync($"/api/v1/accounts/relationships?id[]={author.Id}"))[0].GetProperty("following").GetBoolean());
        Assert.Equal(2, (await author.GetJsonAsync("/api/v1/notifications")).GetArrayLength());
    }

    [Fact]
    public async Task The_same_actions_with_a_well_formed_body_or_none_still_act()
    {
        using var author = await api.NewUserAsync("body_ok_author");
        using var reader = await api.NewUserAsync("body_ok_reader");
        var status = (await author.PostStatusAsync("favourite me")).Str("id");

        await Json.ReadAsync(await SendAsync(reader, HttpMethod.Post, $"/api/v1/statuses/{status}/favourite", "application/json", "{}"), HttpStatusCode.OK);
        await Json.ReadAsync(await SendAsync(reader, HttpMethod.Post, $"/api/v1/statuses/{status}/bookmark", "application/x-www-form-urlencoded", "unused=1"), HttpStatusCode.OK);
        await Json.ReadAsync(await reader.PostFormAsync($"/api/v1/statuses/{status}/reblog"), HttpStatusCode.OK);

        var stored = await reader.GetJsonAsync($"/api/v1/statuses/{status}");
        Assert.True(stored.GetProperty("favourited").GetBoolean());
        Assert.True(stored.GetProperty("bookmarked").GetBoolean());
        Assert.True(stored.GetProperty("reblogged").GetBoolean());
    }

    private static async Task AssertRefusedAsync(ApiUser user, HttpMethod method, string path, string contentType, string body)
    {
        using var response = await SendAsync(user, method, path, contentType, body);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{method} {path} with {contentType} body {body}: {status}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(ApiUser user, HttpMethod method, string path, string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType == "multipart/form-data" ? "multipart/form-data; boundary=b" : contentType);
        return user.Client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
    }
}
