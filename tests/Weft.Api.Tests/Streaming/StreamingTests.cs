using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Streaming;

/// <summary>The streaming API on a real Kestrel socket.</summary>
public sealed class StreamingTests : IClassFixture<StreamingTests.SocketApi>
{
    private readonly SocketApi _api;

    public StreamingTests(SocketApi api) => _api = api;

    [Fact]
    public async Task User_stream_by_authorization_header_receives_followed_statuses()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user",
            options => options.SetRequestHeader("Authorization", "Bearer " + bob.Token));

        var posted = await alice.PostStatusAsync("live <b>now</b>");

        var (name, eventName, payload) = await stream.ReceiveEventAsync();
        Assert.Equal("user", name);
        Assert.Equal("update", eventName);
        var status = JsonDocument.Parse(payload).RootElement;
        Assert.Equal(posted.Str("id"), status.Str("id"));
        Assert.Equal("<p>live &lt;b&gt;now&lt;/b&gt;</p>", status.Str("content"));
        Assert.False(status.GetProperty("favourited").GetBoolean());
    }

    [Fact]
    public async Task Notification_stream_by_query_token_receives_notifications()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user:notification&access_token=" + alice.Token);

        await bob.FollowAsync(alice);

        var (name, eventName, payload) = await stream.ReceiveEventAsync();
        Assert.Equal("user:notification", name);
        Assert.Equal("notification", eventName);
        var notification = JsonDocument.Parse(payload).RootElement;
        Assert.Equal("follow", notification.Str("type"));
        Assert.Equal(bob.Id, notification.GetProperty("account").Str("id"));
    }

    [Fact]
    public async Task Subprotocol_token_is_echoed_and_deletes_are_streamed()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "", options => options.AddSubProtocol(alice.Token));
        Assert.Equal(alice.Token, stream.SubProtocol);
        await stream.SubscribeAsync("user");

        var id = (await alice.PostStatusAsync("soon gone")).Str("id");
        var update = await stream.ReceiveEventAsync();
        await alice.Client.DeleteAsync($"/api/v1/statuses/{id}");
        var delete = await stream.ReceiveEventAsync();

        Assert.Equal(("user", "update"), (update.Stream, update.Event));
        Assert.Equal(id, JsonDocument.Parse(update.Payload).RootElement.Str("id"));
        Assert.Equal(("user", "delete", id), delete);
    }

    [Fact]
    public async Task A_mentioned_account_that_does_not_follow_the_author_hears_of_a_direct_statuss_deletion()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user&access_token=" + bob.Token);

        var id = (await alice.PostStatusAsync($"@{bob.Username} only for you", "direct")).Str("id");
        var mention = await stream.ReceiveEventAsync();
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        var delete = await stream.ReceiveEventAsync();

        Assert.Equal(("user", "notification"), (mention.Stream, mention.Event));
        Assert.Equal(id, JsonDocument.Parse(mention.Payload).RootElement.GetProperty("status").Str("id"));
        Assert.Equal(("user", "delete", id), delete);
    }

    [Fact]
    public async Task The_user_stream_carries_notifications_only_to_a_token_that_may_read_them()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        var grains = _api.Users.Factory.Services.GetRequiredService<IGrainFactory>();
        var statusesOnly = await ApiUser.IssueTokenAsync(grains, alice.AccountId, "read:statuses");
        await using var narrow = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user&access_token=" + statusesOnly);
        await using var wide = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user&access_token=" + alice.Token);

        await bob.FollowAsync(alice);
        var posted = (await alice.PostStatusAsync("after the follow")).Str("id");

        var notification = await wide.ReceiveEventAsync();
        Assert.Equal(("user", "notification"), (notification.Stream, notification.Event));
        var first = await narrow.ReceiveEventAsync();
        Assert.Equal(("user", "update"), (first.Stream, first.Event));
        Assert.Equal(posted, JsonDocument.Parse(first.Payload).RootElement.Str("id"));
    }

    [Fact]
    public async Task Media_and_remote_public_streams_are_accepted_and_stay_quiet()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public:media");
        await stream.SubscribeAsync("public:local:media");
        await stream.SubscribeAsync("public:remote");
        await stream.SubscribeAsync("public:remote:media");
        await stream.SubscribeAsync("public");

        var id = (await alice.PostStatusAsync("text only, local")).Str("id");

        // Whatever else the fixture posts meanwhile, only the public stream speaks, up to this status.
        while (true)
        {
            var (name, eventName, payload) = await stream.ReceiveEventAsync();
            Assert.Equal("public", name);
            if (eventName == "update" && JsonDocument.Parse(payload).RootElement.Str("id") == id)
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Anonymous_public_stream_gets_public_statuses_only()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "");
        await stream.SubscribeAsync("public");

        await alice.PostStatusAsync("for followers", "private");
        await alice.PostStatusAsync("not listed", "unlisted");
        var visible = (await alice.PostStatusAsync("for everyone")).Str("id");

        var (name, eventName, payload) = await stream.ReceiveEventAsync();
        Assert.Equal(("public", "update"), (name, eventName));
        var status = JsonDocument.Parse(payload).RootElement;
        Assert.Equal(visible, status.Str("id"));
        Assert.False(status.TryGetProperty("favourited", out _));
    }

    [Fact]
    public async Task Hashtag_stream_gets_public_statuses_with_the_tag_and_their_deletion()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=hashtag&tag=LiveWeft");

        await alice.PostStatusAsync("#liveweft for followers", "private");
        await alice.PostStatusAsync("#otherweft elsewhere");
        var visible = (await alice.PostStatusAsync("#LIVEWEFT for everyone")).Str("id");

        var update = await stream.ReceiveAsync();
        Assert.Equal(["hashtag", "LiveWeft"], update.GetProperty("stream").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("update", update.Str("event"));
        Assert.Equal(visible, JsonDocument.Parse(update.Str("payload")).RootElement.Str("id"));

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{visible}"), HttpStatusCode.OK);
        var delete = await stream.ReceiveAsync();
        Assert.Equal(("delete", visible), (delete.Str("event"), delete.Str("payload")));
    }

    [Fact]
    public async Task Hashtag_streams_need_a_tag_and_unsubscribe_by_tag()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => StreamingClient.ConnectAsync(_api.BaseAddress, "stream=hashtag"));
        Assert.Contains("400", refused.Message);
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "");

        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"hashtag:local\"}");
        Assert.Equal(400, (await stream.ReceiveAsync()).GetProperty("status").GetInt32());
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"goneweft\"}");
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"hashtag:local\",\"tag\":\"keptweft\"}");
        await stream.SendAsync("{\"type\":\"unsubscribe\",\"stream\":\"hashtag\",\"tag\":\"GoneWeft\"}");
        await stream.SubscribeAsync("public:local");

        var kept = (await alice.PostStatusAsync("#goneweft #keptweft")).Str("id");

        var received = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var message = await stream.ReceiveAsync();
            Assert.Equal(kept, JsonDocument.Parse(message.Str("payload")).RootElement.Str("id"));
            received.Add(string.Join(' ', message.GetProperty("stream").EnumerateArray().Select(e => e.GetString())));
        }

        Assert.Equal(["hashtag:local keptweft", "public:local"], received.Order());
    }

    [Fact]
    public async Task A_list_stream_carries_its_members_statuses_as_the_list_shows_them()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        using var carol = await _api.Users.NewUserAsync("carol");
        using var dave = await _api.Users.NewUserAsync("dave");
        using var noLists = await _api.Users.NewUserAsync("nolists", scopes: "read:statuses");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        await alice.FollowAsync(dave);
        var list = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Bob and Carol")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{list}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", carol.Id)), HttpStatusCode.OK);

        // Refused before the upgrade: no list, someone else's list, no lists scope.
        Assert.Contains("400", (await Assert.ThrowsAsync<WebSocketException>(() => StreamingClient.ConnectAsync(
            _api.BaseAddress, "stream=list", o => o.SetRequestHeader("Authorization", "Bearer " + alice.Token)))).Message);
        Assert.Contains("404", (await Assert.ThrowsAsync<WebSocketException>(() => StreamingClient.ConnectAsync(
            _api.BaseAddress, $"stream=list&list={list}", o => o.SetRequestHeader("Authorization", "Bearer " + bob.Token)))).Message);
        Assert.Contains("403", (await Assert.ThrowsAsync<WebSocketException>(() => StreamingClient.ConnectAsync(
            _api.BaseAddress, $"stream=list&list={list}", o => o.SetRequestHeader("Authorization", "Bearer " + noLists.Token)))).Message);

        await using var stream = await StreamingClient.ConnectAsync(
            _api.BaseAddress, $"stream=list&list={list}", o => o.SetRequestHeader("Authorization", "Bearer " + alice.Token));

        // Dave is not a member; bob's reply to dave is not shown by the list's policy ("list"): the first message is
        // bob's next status, then carol's followers-only one.
        await dave.PostStatusAsync("dave is not in the list");
        var daves = (await dave.PostStatusAsync("dave asks")).Str("id");
        await bob.PostStatusAsync("bob answers dave", inReplyToId: daves);
        var bobs = (await bob.PostStatusAsync("bob, for the list")).Str("id");
        var first = await stream.ReceiveAsync();
        Assert.Equal(["list", list], first.GetProperty("stream").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("update", first.Str("event"));
        Assert.Equal(bobs, JsonDocument.Parse(first.Str("payload")).RootElement.Str("id"));
        var carols = (await carol.PostStatusAsync("carol, followers only", "private")).Str("id");
        Assert.Equal(carols, JsonDocument.Parse((await stream.ReceiveAsync()).Str("payload")).RootElement.Str("id"));

        // Unsubscribed by list id, it stops; a subscription to an unknown list is an error message.
        await stream.SendAsync($"{{\"type\":\"unsubscribe\",\"stream\":\"list\",\"list\":{list}}}"); // a number, as some clients send ids
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"list\",\"list\":\"12345\"}");
        Assert.Equal(404, (await stream.ReceiveAsync()).GetProperty("status").GetInt32());
        await AssertTheListIsQuietAsync(stream, quietMember: bob, publicAuthor: carol);
    }

    [Fact]
    public async Task An_open_list_stream_follows_the_lists_members_as_they_change_and_goes_quiet_when_it_is_deleted()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        using var carol = await _api.Users.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        var list = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Changing")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{list}/accounts", ("account_ids[]", bob.Id)), HttpStatusCode.OK);
        await using var stream = await StreamingClient.ConnectAsync(
            _api.BaseAddress, $"stream=list&list={list}", o => o.SetRequestHeader("Authorization", "Bearer " + alice.Token));

        // Carol, added while the stream is open, is streamed.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{list}/accounts", ("account_ids[]", carol.Id)), HttpStatusCode.OK);
        var carols = (await carol.PostStatusAsync("carol, now a member")).Str("id");
        Assert.Equal(carols, JsonDocument.Parse((await stream.ReceiveAsync()).Str("payload")).RootElement.Str("id"));

        // Bob, removed, is not: the next message is carol's.
        using (var removal = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/lists/{list}/accounts?account_ids[]={bob.Id}"))
        {
            await Json.ReadAsync(await alice.Client.SendAsync(removal), HttpStatusCode.OK);
        }

        await bob.PostStatusAsync("bob, no longer a member");
        carols = (await carol.PostStatusAsync("carol, still a member")).Str("id");
        Assert.Equal(carols, JsonDocument.Parse((await stream.ReceiveAsync()).Str("payload")).RootElement.Str("id"));

        // Deleted, the list goes quiet: carol's next statuses reach only the public stream.
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/lists/{list}"), HttpStatusCode.OK);
        await AssertTheListIsQuietAsync(stream, quietMember: carol, publicAuthor: carol);
    }

    // A list stream that ended or went quiet: a member's unlisted status (which only the list would carry) is not the
    // next message; the next public status, on the public stream subscribed now, is.
    private static async Task AssertTheListIsQuietAsync(StreamingClient stream, ApiUser quietMember, ApiUser publicAuthor)
    {
        await stream.SubscribeAsync("public:local");
        await quietMember.PostStatusAsync("after the list stream", "unlisted");
        var publicOne = (await publicAuthor.PostStatusAsync("public")).Str("id");
        var next = await stream.ReceiveAsync();
        Assert.Equal(["public:local"], next.GetProperty("stream").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(publicOne, JsonDocument.Parse(next.Str("payload")).RootElement.Str("id"));
    }

    [Fact]
    public async Task The_direct_stream_carries_conversations_and_the_user_stream_does_not()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=direct",
            options => options.SetRequestHeader("Authorization", "Bearer " + bob.Token));
        await stream.SubscribeAsync("user");

        var dm = (await alice.PostStatusAsync($"@{bob.Username} between us", "direct")).Str("id");

        // On the user stream: the status and the mention; on the direct stream: the conversation, once.
        var messages = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await stream.ReceiveAsync());
        }

        var byStream = messages.ToLookup(m => string.Join(' ', m.GetProperty("stream").EnumerateArray().Select(e => e.GetString())));
        var conversation = Assert.Single(byStream["direct"]);
        Assert.Equal("conversation", conversation.Str("event"));
        var payload = JsonDocument.Parse(conversation.Str("payload")).RootElement;
        Assert.Equal(dm, payload.GetProperty("last_status").Str("id"));
        Assert.Equal([alice.Id], payload.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")));
        Assert.True(payload.GetProperty("unread").GetBoolean());
        Assert.Equal(["notification", "update"], byStream["user"].Select(m => m.Str("event")).Order());
    }

    [Fact]
    public async Task Muted_accounts_are_not_streamed()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        using var carol = await _api.Users.NewUserAsync("carol");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute"), HttpStatusCode.OK);
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public:local",
            options => options.SetRequestHeader("Authorization", "Bearer " + alice.Token));

        await using var observer = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public:local");

        // Once an anonymous stream has bob's status, alice's has had it too: what she gets next shows it was left out.
        var bobs = (await bob.PostStatusAsync("bob, muted")).Str("id");
        Assert.Equal(bobs, JsonDocument.Parse((await observer.ReceiveAsync()).Str("payload")).RootElement.Str("id"));
        var carols = (await carol.PostStatusAsync("carol, not muted")).Str("id");

        Assert.Equal(carols, JsonDocument.Parse((await stream.ReceiveAsync()).Str("payload")).RootElement.Str("id"));
    }

    [Fact]
    public async Task A_connection_holds_at_most_100_subscriptions_and_unsubscribing_makes_room()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public");
        for (var i = 1; i < 100; i++)
        {
            await stream.SendAsync($"{{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"many{i}\"}}");
        }

        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"onetoomany\"}");
        var refused = await stream.ReceiveAsync();
        Assert.Equal(429, refused.GetProperty("status").GetInt32());
        Assert.Contains("Too many subscriptions", refused.Str("error"));

        await stream.SendAsync("{\"type\":\"unsubscribe\",\"stream\":\"hashtag\",\"tag\":\"many1\"}");
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"nowfits\"}");
        var first = (await alice.PostStatusAsync("#onetoomany first")).Str("id");
        var second = (await alice.PostStatusAsync("#nowfits second")).Str("id");

        // The public stream (subscribed in the URL) carries both; the hashtag streams only the one that fitted.
        var received = new List<string>();
        while (received.Count < 3)
        {
            var (name, kind, payload) = await stream.ReceiveEventAsync();
            Assert.Equal("update", kind);
            received.Add(name + " " + JsonDocument.Parse(payload).RootElement.Str("id"));
        }

        Assert.Equal(new[] { $"hashtag {second}", $"public {first}", $"public {second}" }.Order(), received.Order());
    }

    [Fact]
    public async Task An_edit_reaches_the_public_stream_as_status_update()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        var id = (await alice.PostStatusAsync("before")).Str("id");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public");

        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent([new("status", "after")])), HttpStatusCode.OK);

        // The post's own "update" may still arrive first: fan-out publishes it after the post is acknowledged.
        var (name, eventName, payload) = await stream.ReceiveEventAsync();
        if (eventName == "update")
        {
            (name, eventName, payload) = await stream.ReceiveEventAsync();
        }

        Assert.Equal(("public", "status.update"), (name, eventName));
        var status = JsonDocument.Parse(payload).RootElement;
        Assert.Equal((id, "<p>after</p>"), (status.Str("id"), status.Str("content")));
    }

    [Fact]
    public async Task An_edit_reaches_followers_user_streams_as_status_update()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        using var bob = await _api.Users.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("before, for followers", "private")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "the status in bob's home timeline");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user&access_token=" + bob.Token);

        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent([new("status", "after, for followers")])), HttpStatusCode.OK);

        var (name, eventName, payload) = await stream.ReceiveEventAsync();
        Assert.Equal(("user", "status.update"), (name, eventName));
        Assert.Equal("<p>after, for followers</p>", JsonDocument.Parse(payload).RootElement.Str("content"));
    }

    [Fact]
    public async Task Unsubscribed_streams_stop_and_bad_messages_get_errors()
    {
        using var alice = await _api.Users.NewUserAsync("alice");
        await using var stream = await StreamingClient.ConnectAsync(_api.BaseAddress, "stream=public");

        await stream.SendAsync("not json");
        Assert.Equal(400, (await stream.ReceiveAsync()).GetProperty("status").GetInt32());
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"user\"}");
        Assert.Equal(401, (await stream.ReceiveAsync()).GetProperty("status").GetInt32());
        await stream.SendAsync("{\"type\":\"subscribe\",\"stream\":\"list\"}");
        Assert.Equal(400, (await stream.ReceiveAsync()).GetProperty("status").GetInt32());

        await stream.SendAsync("{\"type\":\"unsubscribe\",\"stream\":\"public\"}");
        await stream.SubscribeAsync("public:local");
        var id = (await alice.PostStatusAsync("once")).Str("id");
        var received = await stream.ReceiveEventAsync();
        Assert.Equal(("public:local", "update"), (received.Stream, received.Event));
        Assert.Equal(id, JsonDocument.Parse(received.Payload).RootElement.Str("id"));
    }

    [Fact]
    public async Task Invalid_token_is_refused_before_the_upgrade()
    {
        var failure = await Assert.ThrowsAsync<WebSocketException>(() =>
            StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user&access_token=not-a-token"));
        Assert.Contains("401", failure.Message);

        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        var response = await http.GetAsync("/api/v1/streaming?stream=user&access_token=not-a-token");
        Assert.Equal("The access token is invalid", (await Json.ReadAsync(response, HttpStatusCode.Unauthorized)).Str("error"));
        var missing = await Assert.ThrowsAsync<WebSocketException>(() => StreamingClient.ConnectAsync(_api.BaseAddress, "stream=user"));
        Assert.Contains("401", missing.Message);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };

        Assert.Equal("OK", await http.GetStringAsync("/api/v1/streaming/health"));
    }

    /// <summary>The API on a real socket, with users made through its grains.</summary>
    public sealed class SocketApi : IDisposable
    {
        public SocketApi()
        {
            BaseAddress = Users.Factory.StartOnSocket();
        }

        public SqliteApiFixture Users { get; } = new();

        public Uri BaseAddress { get; }

        public void Dispose() => Users.Dispose();
    }
}
