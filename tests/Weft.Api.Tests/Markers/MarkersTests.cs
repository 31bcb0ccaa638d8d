using System.Net;
using System.Net.Http.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Markers;

/// <summary>/api/v1/markers: read positions shared across devices, and the unread counts they bound.</summary>
public sealed class MarkersTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Markers_set_by_form_or_json_are_read_back_with_a_growing_version()
    {
        using var alice = await api.NewUserAsync("alice");
        var first = (await alice.PostStatusAsync("read up to here")).Str("id");
        var second = (await alice.PostStatusAsync("and then here")).Str("id");

        var set = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("home[last_read_id]", first)), HttpStatusCode.OK);
        Assert.Equal(first, set.GetProperty("home").Str("last_read_id"));
        Assert.Equal(1, set.GetProperty("home").GetProperty("version").GetInt32());
        Assert.False(set.TryGetProperty("notifications", out _));

        var moved = await Json.ReadAsync(await alice.Client.PostAsync("/api/v1/markers", JsonContent.Create(new { home = new { last_read_id = second } })), HttpStatusCode.OK);
        Assert.Equal((second, 2), (moved.GetProperty("home").Str("last_read_id"), moved.GetProperty("home").GetProperty("version").GetInt32()));

        // Read back, as another device of the user would.
        var all = await alice.GetJsonAsync("/api/v1/markers?timeline[]=home&timeline[]=notifications");
        Assert.Equal(second, all.GetProperty("home").Str("last_read_id"));
        Assert.False(all.TryGetProperty("notifications", out _));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", all.GetProperty("home").Str("updated_at"));
        using var bob = await api.NewUserAsync("bob");
        Assert.Equal("{}", (await bob.GetJsonAsync("/api/v1/markers")).GetRawText());
    }

    [Theory]
    [InlineData("home[last_read_id]", "abc")]
    [InlineData("notifications[last_read_id]", "-5")]
    public async Task A_malformed_position_is_400_and_moves_nothing(string field, string value)
    {
        using var alice = await api.NewUserAsync("alice");
        var id = (await alice.PostStatusAsync("kept")).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("home[last_read_id]", id)), HttpStatusCode.OK);

        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("home[last_read_id]", id), (field, value)), HttpStatusCode.BadRequest);
        await Json.ReadAsync(await alice.Client.PostAsync("/api/v1/markers", JsonContent.Create(new { home = "not an object" })), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("blank", (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("notifications[last_read_id]", "")), HttpStatusCode.UnprocessableEntity)).Str("error"));

        var markers = await alice.GetJsonAsync("/api/v1/markers");
        Assert.Equal((id, 1), (markers.GetProperty("home").Str("last_read_id"), markers.GetProperty("home").GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Unread_counts_start_after_the_notifications_marker()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        await bob.PostStatusAsync($"one @{alice.Username}");
        await bob.PostStatusAsync($"two @{alice.Username}");
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "three notifications");
        var notifications = Json.Ids(await alice.GetJsonAsync("/api/v1/notifications"));

        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("notifications[last_read_id]", notifications[1])), HttpStatusCode.OK);

        Assert.Equal(1, (await alice.GetJsonAsync("/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await alice.GetJsonAsync("/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/markers", ("notifications[last_read_id]", notifications[0])), HttpStatusCode.OK);
        Assert.Equal(0, (await alice.GetJsonAsync("/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
    }
}
