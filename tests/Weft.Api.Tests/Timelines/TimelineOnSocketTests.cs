using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Timelines;

/// <summary>
/// A page of many statuses is written straight into Kestrel's pipe in one piece, far larger than a pool block; on a
/// real socket it must arrive whole, with the declared length, and equal the single-status responses.
/// </summary>
public sealed class TimelineOnSocketTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite(HighLimits.Settings);

    [Fact]
    public async Task A_forty_status_page_arrives_whole_with_its_length_and_equals_the_single_responses()
    {
        _factory.StartOnSocket();
        using var author = await ApiUser.CreateAsync(_factory, "socket_author");
        using var reader = await ApiUser.CreateAsync(_factory, "socket_reader");
        await reader.FollowAsync(author);
        var posted = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            posted.Add((await author.PostStatusAsync($"status {i} with https://example.com/{i} and #socket é ✓")).Str("id"));
        }

        await Json.ReadAsync(await reader.PostFormAsync($"/api/v1/statuses/{posted[7]}/favourite"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await reader.GetJsonAsync("/api/v1/timelines/home?limit=40")).Count == 40,
            "the reader's home timeline to hold 40 statuses");

        using var response = await reader.Client.GetAsync("/api/v1/timelines/home?limit=40");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.True(bytes.Length > 40 * 1024, $"a 40-status page is {bytes.Length} bytes");
        using var page = JsonDocument.Parse(bytes);
        Assert.Equal(posted.AsEnumerable().Reverse(), page.RootElement.EnumerateArray().Select(entry => entry.Str("id")));
        foreach (var entry in page.RootElement.EnumerateArray())
        {
            var single = await reader.GetJsonAsync($"/api/v1/statuses/{entry.Str("id")}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(entry.GetRawText()), JsonNode.Parse(single.GetRawText())), entry.Str("id"));
        }
    }

    public void Dispose() => _factory.Dispose();
}
