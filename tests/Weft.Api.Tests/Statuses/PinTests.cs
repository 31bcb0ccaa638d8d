using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Tests.Support;
using Weft.GrainInterfaces.Statuses;
using Weft.Testing;

namespace Weft.Api.Tests.Statuses;

/// <summary>POST /api/v1/statuses/:id/pin and /unpin, and the pinned list of an account's statuses.</summary>
public sealed class PinTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Pinned_statuses_list_most_recently_pinned_first_for_those_who_may_see_them()
    {
        using var alice = await api.NewUserAsync("alice");
        using var stranger = await api.NewUserAsync("stranger");
        var first = (await alice.PostStatusAsync("first")).Str("id");
        var second = (await alice.PostStatusAsync("second")).Str("id");
        var secret = (await alice.PostStatusAsync("followers only", "private")).Str("id");

        var pinned = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{first}/pin"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{first}/pin"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{second}/pin"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{secret}/pin"), HttpStatusCode.OK);

        Assert.True(pinned.GetProperty("pinned").GetBoolean());
        var path = $"/api/v1/accounts/{alice.Id}/statuses?pinned=true";
        Assert.Equal([secret, second, first], Json.Ids(await alice.GetJsonAsync(path)));
        Assert.Equal([second, first], Json.Ids(await stranger.GetJsonAsync(path)));

        var unpinned = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{second}/unpin"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{first}"), HttpStatusCode.OK);
        Assert.False(unpinned.GetProperty("pinned").GetBoolean());
        Assert.Equal([secret], Json.Ids(await alice.GetJsonAsync(path)));

        // The mark shows in lists, to the author only.
        var pins = await alice.GetJsonAsync(path);
        Assert.True(pins[0].GetProperty("pinned").GetBoolean());
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")).GetArrayLength() == 2, "alice's statuses indexed");
        var all = await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses");
        Assert.Equal([true, false], all.EnumerateArray().Select(s => s.GetProperty("pinned").GetBoolean()));
        Assert.True((await alice.GetJsonAsync($"/api/v1/statuses/{secret}")).GetProperty("pinned").GetBoolean());
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(secret), "the pinned status in alice's home");
        var home = (await alice.GetJsonAsync("/api/v1/timelines/home")).EnumerateArray().Single(s => s.Str("id") == secret);
        Assert.True(home.GetProperty("pinned").GetBoolean());
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{second}/pin"), HttpStatusCode.OK);
        Assert.True((await alice.GetJsonAsync($"/api/v1/statuses/{second}")).GetProperty("pinned").GetBoolean());
        Assert.False((await stranger.GetJsonAsync(path))[0].TryGetProperty("pinned", out _));
    }

    [Fact]
    public async Task Deleted_pinned_statuses_free_their_slots()
    {
        using var alice = await api.NewUserAsync("alice");
        var gone = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await alice.PostStatusAsync($"soon gone {i}")).Str("id");
            await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/pin"), HttpStatusCode.OK);
            gone.Add(id);
        }

        foreach (var id in gone)
        {
            await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        }

        // Unpinning a deleted status is 404 but frees its slot; the others' slots are freed when pinning anew.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{gone[0]}/unpin"), HttpStatusCode.NotFound);
        var fresh = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await alice.PostStatusAsync($"pinned anew {i}")).Str("id");
            await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/pin"), HttpStatusCode.OK);
            fresh.Insert(0, id);
        }

        Assert.Equal(fresh, Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses?pinned=true")));
    }

    [Fact]
    public async Task Others_statuses_reblogs_direct_and_a_sixth_pin_are_refused()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var bobs = (await bob.PostStatusAsync("bob's")).Str("id");
        var reblog = (await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobs}/reblog"), HttpStatusCode.OK)).Str("id");
        var direct = (await alice.PostStatusAsync($"@{bob.Username} between us", "direct")).Str("id");

        var bobsPrivate = (await bob.PostStatusAsync("followers only", "private")).Str("id");

        // Someone else's status is refused as in Mastodon (422), unless it is hidden (404); unpinning it changes nothing.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobs}/pin"), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobsPrivate}/pin"), HttpStatusCode.NotFound);
        var unpinned = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobs}/unpin"), HttpStatusCode.OK);
        Assert.Equal(bobs, unpinned.Str("id"));
        Assert.False(unpinned.TryGetProperty("pinned", out _)); // only the author sees the mark
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobsPrivate}/unpin"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{reblog}/pin"), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{direct}/pin"), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses/123456789/pin"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses/nope/pin"), HttpStatusCode.NotFound);
        for (var i = 0; i < 5; i++)
        {
            var id = (await alice.PostStatusAsync($"pin {i}")).Str("id");
            await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/pin"), HttpStatusCode.OK);
        }

        var sixth = (await alice.PostStatusAsync("one too many")).Str("id");
        var refused = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{sixth}/pin"), HttpStatusCode.UnprocessableEntity);

        Assert.StartsWith("Validation failed", refused.Str("error"));
        Assert.Equal(5, Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses?pinned=true")).Count);
        Assert.Empty(Json.Ids(await bob.GetJsonAsync($"/api/v1/accounts/{bob.Id}/statuses?pinned=true")));
    }

    [Fact]
    public async Task A_lost_pin_mark_comes_back_when_pinning_again()
    {
        using var alice = await api.NewUserAsync("alice");
        var id = (await alice.PostStatusAsync("pinned, then forgotten")).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/pin"), HttpStatusCode.OK);

        // As if the mark's write had failed after the list was written (or the pin predates the mark).
        var grains = api.Factory.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IStatusGrain>(long.Parse(id, CultureInfo.InvariantCulture)).SetPinnedAsync(false);
        Assert.False((await alice.GetJsonAsync($"/api/v1/statuses/{id}")).GetProperty("pinned").GetBoolean());

        var again = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/pin"), HttpStatusCode.OK);
        Assert.True(again.GetProperty("pinned").GetBoolean());
        Assert.True((await alice.GetJsonAsync($"/api/v1/statuses/{id}")).GetProperty("pinned").GetBoolean());
    }
}
