using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Accounts;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Persistence;
using Weft.Persistence.Sqlite;
using Weft.Runtime.Persistence;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// The social store's directory of accounts (id, username and the display name's words, for lookups and search) is
/// written once per account and name: at creation (and on a rename), or by the next activation if creation could not
/// finish it or the account was listed before its name was.
/// </summary>
public sealed class AccountListingTests : SqliteRestartTest
{
    [Fact]
    public async Task An_account_listed_at_creation_is_not_listed_again_when_it_activates()
    {
        long id;
        await using (var silo = await StartAsync())
        {
            id = await new SocialTestKit(silo.GrainFactory).CreateAccountAsync();
        }

        var calls = new StoreCalls();
        await using (var silo = await StartAsync(calls))
        {
            Assert.Equal(id, (await new SocialTestKit(silo.GrainFactory).Account(id).GetAsync())!.Profile.Id);
            Assert.True(calls.Called(nameof(ISocialStore.LoadAccountRelationsAsync), id)); // it did activate
            Assert.False(calls.Called(nameof(ISocialStore.AddAccountAsync), id));
            Assert.Equal([id], await silo.Store.SearchByUsernameAsync("user" + id, null, 0, 5, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_account_whose_listing_failed_at_creation_is_listed_when_it_activates_again()
    {
        const long Id = 7_000_001;
        var failing = new StoreCalls { Fails = static (method, _) => method == nameof(ISocialStore.AddAccountAsync) };
        await using (var silo = await StartAsync(failing))
        {
            var profile = new AccountProfile(Id, "unlisted", "Unlisted", string.Empty, DateTimeOffset.UtcNow, false, false);
            await Assert.ThrowsAsync<IOException>(() => silo.GrainFactory.GetGrain<IAccountGrain>(Id).CreateAsync(profile));
            Assert.Empty(await silo.Store.SearchByUsernameAsync("unlisted", null, 0, 5, CancellationToken.None));
        }

        await using (var silo = await StartAsync())
        {
            Assert.Equal("unlisted", (await silo.GrainFactory.GetGrain<IAccountGrain>(Id).GetAsync())!.Profile.Username);
            Assert.Equal([Id], await silo.Store.SearchByUsernameAsync("unlisted", null, 0, 5, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_account_whose_listed_flag_could_not_be_written_is_created_and_listed_once_more_by_its_next_activation()
    {
        const long Id = 7_000_002;
        ListedFlagWriteFails? storage = null;
        await using (var silo = await SocialSilo.StartAsync(SocialSilo.SqliteSettings(DatabasePath), services => services.AddGrainStorage(
            "Default",
            _ => storage = new ListedFlagWriteFails(new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={DatabasePath}" })))))
        {
            var profile = new AccountProfile(Id, "flagless", "Flagless", string.Empty, DateTimeOffset.UtcNow, false, false);
            var created = await silo.GrainFactory.GetGrain<IAccountGrain>(Id).CreateAsync(profile);

            Assert.Equal("flagless", created.Profile.Username);
            Assert.Equal(1, storage!.Failures);
            Assert.Equal([Id], await silo.Store.SearchByUsernameAsync("flagless", null, 0, 5, CancellationToken.None));
        }

        // The flag was not stored, so the next activation lists the account again: harmless, it stays listed once.
        var calls = new StoreCalls();
        await using (var silo = await StartAsync(calls))
        {
            Assert.Equal("flagless", (await silo.GrainFactory.GetGrain<IAccountGrain>(Id).GetAsync())!.Profile.Username);
            Assert.True(calls.Called(nameof(ISocialStore.AddAccountAsync), Id));
            Assert.Equal([Id], await silo.Store.SearchByUsernameAsync("flagless", null, 0, 5, CancellationToken.None));
        }

        // Now the flag is stored: a third activation lists nothing.
        var third = new StoreCalls();
        await using (var silo = await StartAsync(third))
        {
            Assert.NotNull(await silo.GrainFactory.GetGrain<IAccountGrain>(Id).GetAsync());
            Assert.True(third.Called(nameof(ISocialStore.LoadAccountRelationsAsync), Id));
            Assert.False(third.Called(nameof(ISocialStore.AddAccountAsync), Id));
        }
    }

    [Fact]
    public async Task An_account_listed_before_display_names_were_searched_is_found_by_its_name_once_it_activates()
    {
        const long Id = 7_000_003;
        var storage = new ListedDisplayNameUnknown(new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={DatabasePath}" }));
        await using (var silo = await SocialSilo.StartAsync(SocialSilo.SqliteSettings(DatabasePath), services => services.AddGrainStorage("Default", _ => storage)))
        {
            var profile = new AccountProfile(Id, "oldtimer", "Ancient Mariner", string.Empty, DateTimeOffset.UtcNow, false, false);
            await silo.GrainFactory.GetGrain<IAccountGrain>(Id).CreateAsync(profile);
        }

        // As a directory from before its name words: the account's row, none of its words.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM account_name_words WHERE account_id = {Id}";
            await command.ExecuteNonQueryAsync();
        }

        await using (var silo = await StartAsync())
        {
            var search = AccountSearch.For(null, "mariner");
            Assert.Empty(await silo.Store.SearchAccountsAsync(search, null, 0, 5, CancellationToken.None));

            Assert.NotNull(await silo.GrainFactory.GetGrain<IAccountGrain>(Id).GetAsync());

            Assert.Equal([Id], await silo.Store.SearchAccountsAsync(search, null, 0, 5, CancellationToken.None));
        }
    }

    /// <summary>The silo's SQLite grain storage, writing states as a build from before the listed display name did.</summary>
    private sealed class ListedDisplayNameUnknown(SqliteGrainStorage inner) : IGrainStorage, IAsyncDisposable
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
        {
            var json = JsonNode.Parse(data.Span)!;
            if (json is JsonObject state)
            {
                state.Remove(nameof(AccountState.ListedDisplayName));
            }

            return inner.WriteAsync(key, Encoding.UTF8.GetBytes(json.ToJsonString()), etag, cancellationToken);
        }

        public Task<string?> ClearAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken) => inner.ClearAsync(key, etag, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The silo's SQLite grain storage, except that writing a state with the listed flag set fails, as a lost connection would.</summary>
    private sealed class ListedFlagWriteFails(SqliteGrainStorage inner) : IGrainStorage, IAsyncDisposable
    {
        public int Failures { get; private set; }

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
        {
            if (!Encoding.UTF8.GetString(data.Span).Contains("\"Listed\":true", StringComparison.Ordinal))
            {
                return inner.WriteAsync(key, data, etag, cancellationToken);
            }

            Failures++;
            return Task.FromException<string>(new IOException("injected: the connection was lost"));
        }

        public Task<string?> ClearAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken) => inner.ClearAsync(key, etag, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
