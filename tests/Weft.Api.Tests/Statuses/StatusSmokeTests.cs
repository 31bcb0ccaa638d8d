using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Statuses;

public sealed class StatusSmokeTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite();

    [Fact]
    public async Task Follower_sees_a_new_status_on_the_home_timeline()
    {
        using var alice = await ApiUser.CreateAsync(_factory, "alice");
        using var bob = await ApiUser.CreateAsync(_factory, "bob");
        await bob.FollowAsync(alice);

        var posted = await alice.PostStatusAsync("Hello <b>world</b> #weft @bob");

        Assert.Equal("<p>Hello &lt;b&gt;world&lt;/b&gt; <a href=\"http://localhost/tags/weft\" class=\"mention hashtag\" rel=\"tag\">#<span>weft</span></a> <span class=\"h-card\" translate=\"no\"><a href=\"http://localhost/@bob\" class=\"u-url mention\">@<span>bob</span></a></span></p>", posted.Str("content"));
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(posted.Str("id")),
            "bob's home timeline shows alice's status");
    }

    public void Dispose() => _factory.Dispose();
}
