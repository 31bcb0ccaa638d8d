using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Conversations;

/// <summary>/api/v1/conversations: direct statuses grouped by thread and participants.</summary>
public sealed class ConversationsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Direct_statuses_make_one_conversation_per_set_of_participants_read_and_unread()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");

        var first = (await alice.PostStatusAsync($"@{bob.Username} just us", "direct")).Str("id");
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/conversations")).GetArrayLength() == 1, "bob's conversation");

        var bobs = (await bob.GetJsonAsync("/api/v1/conversations"))[0];
        Assert.True(bobs.GetProperty("unread").GetBoolean());
        Assert.Equal([alice.Id], bobs.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")));
        Assert.Equal(first, bobs.GetProperty("last_status").Str("id"));
        var alices = (await alice.GetJsonAsync("/api/v1/conversations"))[0];
        Assert.False(alices.GetProperty("unread").GetBoolean());
        Assert.Equal([bob.Id], alices.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")));

        // Bob reads it, then answers: it stays one conversation, newest status last, unread for alice.
        var read = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/conversations/{bobs.Str("id")}/read"), HttpStatusCode.OK);
        Assert.False(read.GetProperty("unread").GetBoolean());
        var answer = (await bob.PostStatusAsync($"@{alice.Username} sure", "direct", inReplyToId: first)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await alice.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 1 && list[0].GetProperty("last_status").Str("id") == answer,
            "alice's conversation moved on");
        Assert.True((await alice.GetJsonAsync("/api/v1/conversations"))[0].GetProperty("unread").GetBoolean());
        Assert.Equal(alices.Str("id"), (await alice.GetJsonAsync("/api/v1/conversations"))[0].Str("id"));

        // Alice answers without reading: her own newest status leaves it read for her, as in Mastodon.
        var reply = (await alice.PostStatusAsync($"@{bob.Username} great", "direct", inReplyToId: answer)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await alice.GetJsonAsync("/api/v1/conversations"))[0].GetProperty("last_status").Str("id") == reply, "alice's reply last");
        Assert.False((await alice.GetJsonAsync("/api/v1/conversations"))[0].GetProperty("unread").GetBoolean());

        // Three people make another conversation; public statuses make none; carol sees only hers.
        var group = (await alice.PostStatusAsync($"@{bob.Username} @{carol.Username} all of us", "direct")).Str("id");
        await alice.PostStatusAsync($"@{bob.Username} in public");
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/conversations")).GetArrayLength() == 2, "bob's second conversation");
        var bobsNow = await bob.GetJsonAsync("/api/v1/conversations");
        Assert.Equal(group, bobsNow[0].GetProperty("last_status").Str("id"));
        Assert.Equal(new[] { alice.Id, carol.Id }.Order(), bobsNow[0].GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")).Order());
        Assert.Equal(reply, bobsNow[1].GetProperty("last_status").Str("id"));
        var carols = await carol.GetJsonAsync("/api/v1/conversations");
        Assert.Equal([group], carols.EnumerateArray().Select(c => c.GetProperty("last_status").Str("id")));

        // Paged by the Link header.
        var response = await bob.Client.GetAsync("/api/v1/conversations?limit=1");
        Assert.Single((await Json.ReadAsync(response, HttpStatusCode.OK)).EnumerateArray());
        var next = await bob.GetJsonAsync(LinkHeaders.Get(response, "next"));
        Assert.Equal(reply, Assert.Single(next.EnumerateArray()).GetProperty("last_status").Str("id"));
    }

    [Fact]
    public async Task Each_thread_is_its_own_conversation_and_replies_deep_in_a_thread_join_its_first_status()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var lunch = (await alice.PostStatusAsync($"@{bob.Username} lunch?", "direct")).Str("id");
        var film = (await alice.PostStatusAsync($"@{bob.Username} film tonight?", "direct")).Str("id");
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/conversations")).GetArrayLength() == 2, "two threads, two conversations");

        var yes = (await bob.PostStatusAsync($"@{alice.Username} yes, noon", "direct", inReplyToId: lunch)).Str("id");
        var where = (await alice.PostStatusAsync($"@{bob.Username} where?", "direct", inReplyToId: yes)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 2 && list[0].GetProperty("last_status").Str("id") == where,
            "the lunch thread moved on");

        var conversations = await bob.GetJsonAsync("/api/v1/conversations");
        Assert.Equal([where, film], conversations.EnumerateArray().Select(c => c.GetProperty("last_status").Str("id")));
        Assert.NotEqual(conversations[0].Str("id"), conversations[1].Str("id"));
        Assert.All(conversations.EnumerateArray(), c => Assert.Equal([alice.Id], c.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id"))));
    }

    [Fact]
    public async Task A_reply_to_a_reblog_joins_the_thread_of_the_reblogged_status()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        using var dave = await api.NewUserAsync("dave");
        var root = (await alice.PostStatusAsync("a public question")).Str("id");
        var answer = (await bob.PostStatusAsync($"@{alice.Username} a public answer", inReplyToId: root)).Str("id");
        var boost = (await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{answer}/reblog"), HttpStatusCode.OK)).Str("id");

        var viaBoost = (await dave.PostStatusAsync($"@{bob.Username} about your answer", "direct", inReplyToId: boost)).Str("id");
        var viaRoot = (await dave.PostStatusAsync($"@{bob.Username} and the question", "direct", inReplyToId: root)).Str("id");

        // Both are in the thread that started with alice's question: one conversation for bob.
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 1 && list[0].GetProperty("last_status").Str("id") == viaRoot,
            "one conversation at the newest reply");
        Assert.Equal(answer, (await bob.GetJsonAsync($"/api/v1/statuses/{viaBoost}")).Str("in_reply_to_id"));
    }

    [Fact]
    public async Task Deleting_statuses_moves_a_conversation_back_or_ends_it_and_removing_one_hides_it_until_the_next_status()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var first = (await alice.PostStatusAsync($"@{bob.Username} one", "direct")).Str("id");
        var second = (await alice.PostStatusAsync($"@{bob.Username} two", "direct", inReplyToId: first)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 1 && list[0].GetProperty("last_status").Str("id") == second,
            "bob's conversation at the second status");

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{second}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 1 && list[0].GetProperty("last_status").Str("id") == first,
            "back to the first status");
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{first}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/conversations")).GetArrayLength() == 0, "no statuses, no conversation");

        var third = (await alice.PostStatusAsync($"@{bob.Username} three", "direct")).Str("id");
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/conversations")).GetArrayLength() == 1, "a new conversation");
        var id = (await bob.GetJsonAsync("/api/v1/conversations"))[0].Str("id");
        await Json.ReadAsync(await bob.Client.DeleteAsync($"/api/v1/conversations/{id}"), HttpStatusCode.OK);
        Assert.Empty((await bob.GetJsonAsync("/api/v1/conversations")).EnumerateArray());
        await Json.ReadAsync(await bob.Client.DeleteAsync($"/api/v1/conversations/{id}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/conversations/{id}/read"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.PostFormAsync("/api/v1/conversations/nope/read"), HttpStatusCode.NotFound);

        var fourth = (await alice.PostStatusAsync($"@{bob.Username} four", "direct", inReplyToId: third)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")) is var list && list.GetArrayLength() == 1 && list[0].GetProperty("last_status").Str("id") == fourth,
            "the conversation back with the next status");
        Assert.Equal(JsonValueKind.True, (await bob.GetJsonAsync("/api/v1/conversations"))[0].GetProperty("unread").ValueKind);
    }
}
