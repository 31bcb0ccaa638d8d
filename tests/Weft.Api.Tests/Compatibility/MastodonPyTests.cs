using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Compatibility;

/// <summary>A real client library against a real socket: Mastodon.py signs up, posts, follows, pages and streams.</summary>
public sealed class MastodonPyTests : IClassFixture<MastodonPyTests.SocketApi>
{
    private readonly SocketApi _api;

    public MastodonPyTests(SocketApi api) => _api = api;

    [MastodonPyFact]
    public async Task Mastodon_py_walks_through_accounts_statuses_timelines_lists_notifications_streaming_and_errors()
    {
        var (exitCode, output) = await MastodonPy.RunAsync("mastodon_py_walkthrough.py", TimeSpan.FromMinutes(3), _api.BaseAddress.ToString().TrimEnd('/'));

        Assert.True(exitCode == 0 && output.Contains("all ok", StringComparison.Ordinal), $"Mastodon.py exited with {exitCode}:\n{output}");
    }

    public sealed class SocketApi : IDisposable
    {
        private readonly ApiFactory _factory = ApiFactory.OnSqlite(HighLimits.Settings);

        public SocketApi() => BaseAddress = _factory.StartOnSocket();

        public Uri BaseAddress { get; }

        public void Dispose() => _factory.Dispose();
    }
}
