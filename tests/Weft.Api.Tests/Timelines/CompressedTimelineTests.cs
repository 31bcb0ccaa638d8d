using System.Net;
using System.Net.Http.Headers;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Timelines;

/// <summary>
/// Status lists go out gzip-compressed to clients that ask for it, assembled from each status's cached deflate pieces:
/// on a real socket, the body must decompress to exactly the uncompressed answer, reblogs and viewer marks included.
/// </summary>
public sealed class CompressedTimelineTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite(HighLimits.Settings);

    [Fact]
    public async Task A_home_page_with_reblogs_and_marks_decompresses_to_the_uncompressed_page()
    {
        _factory.StartOnSocket();
        using var author = await ApiUser.CreateAsync(_factory, "gzip_author");
        using var booster = await ApiUser.CreateAsync(_factory, "gzip_booster");
        using var reader = await ApiUser.CreateAsync(_factory, "gzip_reader");
        await reader.FollowAsync(author);
        await reader.FollowAsync(booster);
        var first = (await author.PostStatusAsync("an old one, reblogged later: https://example.com/a #gzip")).Str("id");
        var last = first;
        for (var i = 0; i < 45; i++)
        {
            last = (await author.PostStatusAsync($"status {i} é ✓ <b>not bold</b> & @gzip_reader")).Str("id");
        }

        // Mastodon's rule drops a reblog whose original is among the newest 40 entries, so the reblog goes out only
        // once 40 newer statuses have reached the reader's timeline (fan-out is asynchronous; an author's statuses
        // arrive in order, so the last one means all of them, and the page compared below no longer moves).
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await reader.GetJsonAsync("/api/v1/timelines/home?limit=1")).Contains(last),
            "the author's 45 statuses to reach the reader's home timeline");
        await Json.ReadAsync(await booster.PostFormAsync($"/api/v1/statuses/{first}/reblog"), HttpStatusCode.OK);
        var own = (await reader.PostStatusAsync("the reader's own")).Str("id");
        await Json.ReadAsync(await reader.PostFormAsync($"/api/v1/statuses/{first}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await reader.PostFormAsync($"/api/v1/statuses/{own}/bookmark"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await reader.GetJsonAsync("/api/v1/timelines/home?limit=40")).Contains(own)
                && (await reader.GetJsonAsync("/api/v1/timelines/home?limit=40")).EnumerateArray().Any(entry => entry.GetProperty("reblog").ValueKind == System.Text.Json.JsonValueKind.Object && entry.GetProperty("reblog").Str("id") == first),
            "the reader's home timeline to hold the reblog and their own status");

        var (plain, plainHeaders) = await GetAsync(reader.Client, "/api/v1/timelines/home?limit=40", acceptEncoding: null);
        var (compressed, compressedHeaders) = await GetAsync(reader.Client, "/api/v1/timelines/home?limit=40", "gzip, deflate, br");

        Assert.Empty(plainHeaders.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], compressedHeaders.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressedHeaders.Headers.Vary);
        Assert.Contains("Accept-Encoding", plainHeaders.Headers.Vary);
        Assert.Equal(compressed.Length, compressedHeaders.Content.Headers.ContentLength);
        Assert.True(compressed.Length * 2 < plain.Length, $"{compressed.Length} compressed bytes for {plain.Length}");
        Assert.Equal(plain, Gzip.Decompress(compressed));
        Assert.Equal(plainHeaders.Headers.GetValues("Link"), compressedHeaders.Headers.GetValues("Link"));
    }

    [Fact]
    public async Task Anonymous_public_timeline_and_an_empty_page_compress_too_and_a_zero_weight_refuses()
    {
        _factory.StartOnSocket();
        using var author = await ApiUser.CreateAsync(_factory, "gzip_public");
        var posted = (await author.PostStatusAsync("for everyone")).Str("id");
        using var anonymous = _factory.CreateClient();

        // The public timeline reads the status index, which fan-out writes after the post is acknowledged.
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await author.GetJsonAsync("/api/v1/timelines/public")).Contains(posted),
            "the status to reach the public timeline's index");

        var (plain, _) = await GetAsync(anonymous, "/api/v1/timelines/public", acceptEncoding: null);
        var (compressed, headers) = await GetAsync(anonymous, "/api/v1/timelines/public", "gzip");
        var (empty, emptyHeaders) = await GetAsync(author.Client, "/api/v1/timelines/public?min_id=9223372036854775806", "gzip");
        var (refused, refusedHeaders) = await GetAsync(author.Client, "/api/v1/timelines/public", "gzip;q=0, identity");

        Assert.Equal(["gzip"], headers.Content.Headers.ContentEncoding);
        Assert.Equal(plain, Gzip.Decompress(compressed));
        Assert.Equal(["gzip"], emptyHeaders.Content.Headers.ContentEncoding);
        Assert.Equal("[]"u8.ToArray(), Gzip.Decompress(empty));
        Assert.Empty(refusedHeaders.Content.Headers.ContentEncoding);
        Assert.StartsWith("[{", System.Text.Encoding.UTF8.GetString(refused));
    }

    private static async Task<(byte[] Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    public void Dispose() => _factory.Dispose();
}
