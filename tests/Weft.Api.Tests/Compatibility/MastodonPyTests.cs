using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Compatibility;

/// <summary>A real client library against a real socket: Mastodon.py signs up, posts, follows, pages and streams.</summary>
public sealed class MastodonPyTests : IClassFixture<MastodonPyTests.SocketApi>
{
    private readonly SocketApi _api;

    public MastodonPyTests(SocketApi api) => _api = api;

    [MastodonPyFact]
    public Task Mastodon_py_walks_through_accounts_statuses_timelines_lists_notifications_streaming_and_errors() =>
        WalkThroughAsync(_api.BaseAddress);

    /// <summary>Runs the walkthrough script against <paramref name="baseAddress"/> and fails with its output unless it passed.</summary>
    internal static async Task WalkThroughAsync(Uri baseAddress)
    {
        var (exitCode, output) = await MastodonPy.RunAsync("mastodon_py_walkthrough.py", TimeSpan.FromMinutes(3), baseAddress.ToString().TrimEnd('/'));

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

/// <summary>The same walkthrough with PostgreSQL behind the API.</summary>
public sealed class PostgreSqlMastodonPyTests(PostgreSqlApiFixture api) : IClassFixture<PostgreSqlApiFixture>
{
    [MastodonPyFact]
    public Task Mastodon_py_walks_through_the_api_on_postgres() => MastodonPyTests.WalkThroughAsync(api.Factory.StartOnSocket());
}
