using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Streaming;

/// <summary>
/// Mastodon's HTTP streaming (server-sent events, what Mastodon.py uses): one stream per request, named by the path,
/// on a real Kestrel socket.
/// </summary>
public sealed class EventStreamTests(StreamingTests.SocketApi api) : IClassFixture<StreamingTests.SocketApi>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task User_stream_sends_updates_and_deletes_as_event_and_data_lines()
    {
        using var alice = await api.Users.NewUserAsync("alice");
        using var bob = await api.Users.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        using var http = StreamingHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/streaming/user");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bob.Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        var id = (await alice.PostStatusAsync("over <b>HTTP</b>")).Str("id");
        var (updateName, updateData) = await events.NextAsync();
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        var (deleteName, deleteData) = await events.NextAsync();

        Assert.Equal("update", updateName);
        var status = JsonDocument.Parse(updateData).RootElement;
        Assert.Equal(id, status.Str("id"));
        Assert.Equal("<p>over &lt;b&gt;HTTP&lt;/b&gt;</p>", status.Str("content"));
        Assert.Equal(("delete", id), (deleteName, deleteData));
    }

    [Fact]
    public async Task Public_and_hashtag_streams_need_no_token_and_name_their_stream_by_path()
    {
        using var alice = await api.Users.NewUserAsync("alice");
        using var http = StreamingHttpClient();
        using var hashtag = await http.GetAsync("/api/v1/streaming/hashtag/local?tag=SseWeft", HttpCompletionOption.ResponseHeadersRead);
        using var local = await http.GetAsync("/api/v1/streaming/public/local", HttpCompletionOption.ResponseHeadersRead);
        using var hashtagEvents = new EventReader(await hashtag.Content.ReadAsStreamAsync());
        using var localEvents = new EventReader(await local.Content.ReadAsStreamAsync());

        await alice.PostStatusAsync("untagged");
        var tagged = (await alice.PostStatusAsync("with #sseweft")).Str("id");

        var (name, data) = await hashtagEvents.NextAsync();
        Assert.Equal(("update", tagged), (name, JsonDocument.Parse(data).RootElement.Str("id")));
        Assert.Equal("<p>untagged</p>", JsonDocument.Parse((await localEvents.NextAsync()).Data).RootElement.Str("content"));
        Assert.Equal(tagged, JsonDocument.Parse((await localEvents.NextAsync()).Data).RootElement.Str("id"));
    }

    [Theory]
    [InlineData("/api/v1/streaming/public?only_media=true")]
    [InlineData("/api/v1/streaming/public/local?only_media=true")]
    [InlineData("/api/v1/streaming/public/remote")]
    [InlineData("/api/v1/streaming/public/media")]
    public async Task Media_and_remote_streams_are_served_as_event_streams(string path)
    {
        using var http = StreamingHttpClient();

        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/streaming/user", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/streaming/user/notification", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/streaming/hashtag", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/streaming/list?list=1", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/streaming/list", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/streaming/nonsense/deeper", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/streaming/", HttpStatusCode.BadRequest)]
    public async Task Streams_that_cannot_be_served_get_json_errors(string path, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };

        var error = await Json.ReadAsync(await http.GetAsync(path), expected);

        Assert.False(string.IsNullOrEmpty(error.Str("error")));
    }

    [Fact]
    public async Task A_token_without_read_scope_is_refused_and_health_still_answers_ok()
    {
        using var alice = await api.Users.NewUserAsync("alice");
        var writeOnly = await ApiUser.IssueTokenAsync(api.Users.Factory.Services.GetRequiredService<IGrainFactory>(), alice.AccountId, "write");
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/streaming/user?access_token=" + writeOnly);

        var refused = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("OK", await http.GetStringAsync("/api/v1/streaming/health"));
    }

    // A stream never ends: closing one must not wait to drain it (the client would read until the next heartbeat).
    private HttpClient StreamingHttpClient() =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = api.BaseAddress };

    /// <summary>Reads server-sent events: "event:" and "data:" lines up to a blank line; ":" comments are skipped.</summary>
    private sealed class EventReader(Stream body) : IDisposable
    {
        private readonly StreamReader _reader = new(body);

        public async Task<(string Name, string Data)> NextAsync()
        {
            string? name = null;
            string? data = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync().WaitAsync(s_deadline)
                    ?? throw new InvalidOperationException("The event stream ended.");
                if (line.Length == 0 && name is not null)
                {
                    return (name, data ?? "");
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }

        public void Dispose() => _reader.Dispose();
    }
}
