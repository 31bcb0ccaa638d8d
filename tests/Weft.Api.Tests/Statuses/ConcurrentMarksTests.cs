using System.Net;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Statuses;

public sealed class ConcurrentMarksTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const int Users = 20;
    private const int RequestsPerUser = 50;

    [Fact]
    public async Task Counts_stay_exact_under_1000_concurrent_favourite_reblog_and_bookmark_requests()
    {
        using var author = await api.NewUserAsync("author");
        var id = (await author.PostStatusAsync("popular")).Str("id");
        var users = new List<ApiUser>();
        for (var i = 0; i < Users; i++)
        {
            users.Add(await api.NewUserAsync("fan"));
        }

        // Each user repeats each action many times; all 1,000 requests are in flight together.
        var actions = new[] { "favourite", "reblog", "bookmark", "favourite", "reblog" };
        var requests = users.SelectMany(user => Enumerable.Range(0, RequestsPerUser)
            .Select(i => user.PostFormAsync($"/api/v1/statuses/{id}/{actions[i % actions.Length]}"))).ToList();
        var responses = await Task.WhenAll(requests);

        Assert.Equal(Users * RequestsPerUser, responses.Length);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var status = await author.GetJsonAsync($"/api/v1/statuses/{id}");
        Assert.Equal(Users, status.GetProperty("favourites_count").GetInt64());
        Assert.Equal(Users, status.GetProperty("reblogs_count").GetInt64());
        Assert.Equal(Users, (await author.GetJsonAsync($"/api/v1/statuses/{id}/favourited_by?limit=80")).GetArrayLength());
        Assert.Equal(Users, (await author.GetJsonAsync($"/api/v1/statuses/{id}/reblogged_by?limit=80")).GetArrayLength());
        foreach (var user in users)
        {
            Assert.Equal([id], Json.Ids(await user.GetJsonAsync("/api/v1/bookmarks")));
            Assert.Equal(1, (await user.GetJsonAsync($"/api/v1/accounts/{user.Id}")).GetProperty("statuses_count").GetInt64());
            user.Dispose();
        }
    }
}
