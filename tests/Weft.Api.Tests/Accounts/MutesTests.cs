using System.Globalization;
using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Accounts;

/// <summary>POST /api/v1/accounts/:id/mute and /unmute, GET /api/v1/mutes, and what a mute hides.</summary>
public sealed class MutesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_muted_account_leaves_home_public_threads_and_notifications_until_unmuted()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        var before = (await bob.PostStatusAsync("bob before the mute")).Str("id");
        var carols = (await carol.PostStatusAsync("carol")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")) is var home && home.Contains(before) && home.Contains(carols), "both in alice's home");

        var muted = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute"), HttpStatusCode.OK);
        Assert.True(muted.GetProperty("muting").GetBoolean());
        Assert.True(muted.GetProperty("muting_notifications").GetBoolean());
        Assert.True(muted.GetProperty("following").GetBoolean());
        var mutes = await alice.GetJsonAsync("/api/v1/mutes");
        Assert.Equal([bob.Id], Json.Ids(mutes));
        Assert.Equal(JsonValueKind.Null, mutes[0].GetProperty("mute_expires_at").ValueKind); // no duration: never ends
        Assert.DoesNotContain(before, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")));

        // New statuses by bob, and carol's reblog of bob, stay out of alice's home; a thread and the public timeline
        // leave bob out for alice only; bob's favourite does not notify her.
        var during = (await bob.PostStatusAsync("bob during the mute")).Str("id");
        var reblog = (await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{before}/reblog"), HttpStatusCode.OK)).Str("id");
        var bobsReply = (await bob.PostStatusAsync("bob answers carol", inReplyToId: carols)).Str("id");
        var alices = (await alice.PostStatusAsync("alice")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{alices}/favourite"), HttpStatusCode.OK);
        var last = (await carol.PostStatusAsync("carol, last")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(last), "carol's last status in alice's home");
        await Eventually.WaitUntilAsync(
            async () => Json.Ids((await carol.GetJsonAsync($"/api/v1/statuses/{carols}/context")).GetProperty("descendants")).Contains(bobsReply), "bob's reply in the thread");

        var home = Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home"));
        Assert.DoesNotContain(during, home);
        Assert.DoesNotContain(reblog, home);
        Assert.DoesNotContain(bobsReply, home);
        Assert.Empty(Json.Ids((await alice.GetJsonAsync($"/api/v1/statuses/{carols}/context")).GetProperty("descendants")));
        await Eventually.WaitUntilAsync(async () => Json.Ids(await carol.GetJsonAsync("/api/v1/timelines/public?limit=40")).Contains(during), "bob's status public");
        var alicesPublic = Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/public?limit=40"));
        Assert.DoesNotContain(during, alicesPublic);
        Assert.Contains(last, alicesPublic);
        Assert.Empty((await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")).EnumerateArray());

        // Unmuted: bob's statuses are back in home at once.
        var unmuted = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/unmute"), HttpStatusCode.OK);
        Assert.False(unmuted.GetProperty("muting").GetBoolean());
        home = Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home"));
        Assert.Contains(before, home);
        Assert.Contains(during, home);
        Assert.Empty((await alice.GetJsonAsync("/api/v1/mutes")).EnumerateArray());
    }

    [Fact]
    public async Task A_mute_can_spare_notifications_and_end_by_itself_and_bad_input_is_refused()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var alices = (await alice.PostStatusAsync("alice")).Str("id");

        var muted = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute", ("notifications", "false")), HttpStatusCode.OK);
        Assert.Equal((true, false), (muted.GetProperty("muting").GetBoolean(), muted.GetProperty("muting_notifications").GetBoolean()));
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{alices}/favourite"), HttpStatusCode.OK);
        Assert.Single((await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")).EnumerateArray());

        // A mute with a duration says when it ends, and ends by itself.
        var hourLong = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute", ("duration", "3600")), HttpStatusCode.OK);
        Assert.True(hourLong.GetProperty("muting").GetBoolean());
        var ends = DateTimeOffset.Parse((await alice.GetJsonAsync("/api/v1/mutes"))[0].Str("mute_expires_at"), CultureInfo.InvariantCulture);
        Assert.InRange(ends, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        var timed = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute", ("duration", "1")), HttpStatusCode.OK);
        Assert.True(timed.GetProperty("muting").GetBoolean());
        await Eventually.WaitUntilAsync(
            async () => !(await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={bob.Id}"))[0].GetProperty("muting").GetBoolean(), "the mute over");
        Assert.Empty((await alice.GetJsonAsync("/api/v1/mutes")).EnumerateArray());

        // Over, it is over in the home timeline too.
        await alice.FollowAsync(bob);
        var after = (await bob.PostStatusAsync("bob after the mute")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(after), "bob's status in alice's home");

        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{alice.Id}/mute"), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/accounts/123456789/mute"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute", ("duration", "-5")), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute", ("duration", "soon")), HttpStatusCode.UnprocessableEntity);
        Assert.False((await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={bob.Id}"))[0].GetProperty("muting").GetBoolean());
    }

    [Fact]
    public async Task A_muted_member_leaves_the_list_timeline()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        var list = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Both")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{list}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", carol.Id)), HttpStatusCode.OK);
        var bobs = (await bob.PostStatusAsync("bob")).Str("id");
        var carols = (await carol.PostStatusAsync("carol")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{list}")) is var ids && ids.Contains(bobs) && ids.Contains(carols), "both in the list");

        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute"), HttpStatusCode.OK);

        Assert.Equal([carols], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{list}")));
    }

    [Fact]
    public async Task A_stretch_of_muted_statuses_does_not_cut_the_public_and_hashtag_timelines_short()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var tag = "stretch" + Guid.NewGuid().ToString("N")[..8];
        var carols = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            carols.Add((await carol.PostStatusAsync(i == 1 ? $"carol {i} #{tag}" : $"carol {i}")).Str("id"));
        }

        // More statuses by a muted account than one read of a page returns.
        for (var i = 0; i < 25; i++)
        {
            await bob.PostStatusAsync($"bob {i} #{tag}");
        }

        var newest = (await carol.PostStatusAsync("carol 6")).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/mute"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await carol.GetJsonAsync($"/api/v1/timelines/tag/{tag}?limit=40")).Count == 26, "the tagged statuses indexed");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await carol.GetJsonAsync("/api/v1/timelines/public?limit=1")).Contains(newest), "carol's newest status public");

        var page = await alice.Client.GetAsync($"/api/v1/timelines/public?max_id={newest}&limit=5");
        Assert.Equal(Enumerable.Reverse(carols), Json.Ids(await Json.ReadAsync(page, HttpStatusCode.OK)));
        Assert.Contains($"max_id={carols[0]}", LinkHeaders.Get(page, "next"));

        Assert.Equal([carols[0]], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/{tag}?limit=2")));

        // min_id reads upwards past bob's statuses to the nearest newer one alice sees.
        Assert.Equal([newest], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/public?min_id={carols[^1]}&limit=2")));
    }
}
