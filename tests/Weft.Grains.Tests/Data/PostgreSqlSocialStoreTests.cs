using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Grains.Data.PostgreSql;
using Weft.Testing.PostgreSql;
using Weft.Testing.Xunit;

namespace Weft.Grains.Tests.Data;

/// <summary>The social store contract on real PostgreSQL (a database of its own for this class).</summary>
public sealed class PostgreSqlSocialStoreTests(PostgreSqlDatabaseFixture database)
    : SocialStoreContractTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    // The throwaway server allows 200 connections for the whole test run, and other classes (silos) run in parallel with
    // this one: a store here may open at most 20, so the tests with hundreds of parallel calls queue on the pool instead.
    private const int MaxPoolSize = 20;

    protected override ISocialStore CreateStore() => new PostgreSqlSocialStore(Limited(database.ConnectionString));

    private static string Limited(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;

    protected override async Task<(Func<ISocialStore> Create, Func<Task> Drop)> CreateFreshDatabaseAsync()
    {
        var fresh = await PostgreSqlDatabase.CreateAsync("social_schema");
        return (() => new PostgreSqlSocialStore(Limited(fresh.ConnectionString)), async () => await fresh.DisposeAsync());
    }

    protected override Task FailNotificationWritesToAsync(long recipientId) =>
        database.Database.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION weft.fail_notification_{recipientId}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(NEW.recipient_id, OLD.recipient_id) = {recipientId} THEN
                    RAISE EXCEPTION 'injected: notifications to {recipientId} cannot be written';
                END IF;
                RETURN coalesce(NEW, OLD);
            END $$;
            CREATE TRIGGER fail_notification_{recipientId} BEFORE INSERT OR DELETE ON weft.notifications
                FOR EACH ROW EXECUTE FUNCTION weft.fail_notification_{recipientId}();
            """);

    [Fact]
    public async Task A_statuses_table_from_before_versions_gets_the_column_and_its_rows_take_any_edit()
    {
        await using var fresh = await PostgreSqlDatabase.CreateAsync("social_versions");
        await using (var before = new PostgreSqlSocialStore(Limited(fresh.ConnectionString)))
        {
            await before.UpsertStatusesAsync([new StatusRow(10, 1, StatusVisibility.Public, null, null, null, null, [], ["cats"])], CancellationToken.None);
        }

        await fresh.ExecuteAsync("ALTER TABLE weft.statuses DROP COLUMN version");
        await using var after = new PostgreSqlSocialStore(Limited(fresh.ConnectionString));
        await after.UpsertStatusesAsync([new StatusRow(10, 1, StatusVisibility.Public, null, null, null, null, [], ["dogs"], Version: 7)], CancellationToken.None);

        Task<IReadOnlyList<long>> Tagged(string tag) => after.ListTaggedStatusesAsync([tag], [], [], PageRequest.Newest(20), CancellationToken.None);
        Assert.Empty(await Tagged("cats"));
        Assert.Equal([10L], await Tagged("dogs"));
    }

    [Fact]
    public async Task A_connection_string_without_a_pool_size_opens_at_most_the_stores_own_bound()
    {
        // Npgsql's default of 100 per pool, beside the runtime's pools, ran a default server (max_connections 100) out of
        // connections under a burst of activations.
        var named = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "weft_pool_bound" }.ConnectionString;
        await using var store = new PostgreSqlSocialStore(named);
        await store.EnsureSchemaAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(() => store.CountFollowersAsync(i, CancellationToken.None))));

        // The pool keeps what it opened (idle connections live for minutes), so this counts the burst's peak.
        var opened = Convert.ToInt64(await database.Database.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'weft_pool_bound'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(opened, 1, PostgreSqlSocialStore.MaxPoolSize);
    }

    [Fact]
    public async Task Tables_live_in_schema_weft_with_the_notification_dedupe_index()
    {
        await Store.EnsureSchemaAsync(CancellationToken.None);

        var tables = await database.Database.ScalarAsync(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'weft' " +
            "AND table_name IN ('follows', 'statuses', 'status_mentions', 'favourites', 'bookmarks', 'big_accounts', 'notifications')");
        var dedupeIsUnique = await database.Database.ScalarAsync(
            "SELECT indisunique FROM pg_index WHERE indexrelid = 'weft.notifications_dedupe_idx'::regclass");

        Assert.Equal("big_accounts,bookmarks,favourites,follows,notifications,status_mentions,statuses", tables);
        Assert.Equal(true, dedupeIsUnique);
    }

    [Fact]
    public async Task A_follows_table_from_before_the_follow_options_is_upgraded_with_its_rows_kept()
    {
        await using var old = await PostgreSqlDatabase.CreateAsync("social_upgrade");
        await old.ExecuteAsync("""
            CREATE SCHEMA weft;
            CREATE TABLE weft.follows (follower_id bigint NOT NULL, followee_id bigint NOT NULL, id bigint NOT NULL, PRIMARY KEY (follower_id, followee_id));
            INSERT INTO weft.follows VALUES (1, 2, 100);
            """);
        await using var store = new PostgreSqlSocialStore(Limited(old.ConnectionString));

        await store.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal([new FolloweeRow(2, FollowSettings.Default)], await store.ListFolloweesAsync(1, CancellationToken.None));
        Assert.True(await store.UpdateFollowAsync(1, 2, new FollowSettings(ShowReblogs: false, Notify: true), CancellationToken.None));
        Assert.Equal([1L], await store.ListNotifiedFollowerIdsAsync(2, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_database_from_before_the_public_timeline_left_out_replies_gets_the_new_index_and_loses_the_old()
    {
        await using var old = await PostgreSqlDatabase.CreateAsync("social_public_index");
        await using (var first = new PostgreSqlSocialStore(Limited(old.ConnectionString)))
        {
            await first.EnsureSchemaAsync(CancellationToken.None);
        }

        // As that build left it: the old index, no name words.
        await old.ExecuteAsync("""
            DROP INDEX weft.statuses_public_timeline_idx;
            CREATE INDEX statuses_public_idx ON weft.statuses (id) WHERE visibility = 0 AND reblog_of_id IS NULL;
            DROP TABLE weft.account_name_words;
            """);
        await using var store = new PostgreSqlSocialStore(Limited(old.ConnectionString));
        await store.UpsertStatusesAsync(
        [
            new StatusRow(10, 1, StatusVisibility.Public, null, null, null, null, [], []),
            new StatusRow(11, 2, StatusVisibility.Public, 10, 1, null, null, [], []),
        ], CancellationToken.None);
        await store.AddAccountAsync(1, "upgraded", "Upgraded Name", CancellationToken.None);

        var indexes = await old.ScalarAsync(
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'weft' AND indexname LIKE 'statuses_public%'");
        Assert.Equal("statuses_public_timeline_idx", indexes);
        Assert.Equal([10L], await store.ListPublicStatusesAsync(PageRequest.Newest(20), CancellationToken.None));
        Assert.Equal([1L], await store.SearchAccountsAsync(AccountSearch.For(null, "upgr"), null, 0, 5, CancellationToken.None));
    }

    [Fact]
    public async Task Resolves_from_configuration_on_the_default_storage_database()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SocialStoreServiceCollectionExtensions.ProviderSetting] = "postgresql",
            [SocialStoreServiceCollectionExtensions.ConnectionStringSetting] = database.ConnectionString,
        }).Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSocialStoreFromConfiguration().BuildServiceProvider();

        var store = services.GetRequiredService<ISocialStore>();
        await Store.AddFollowWithoutNotificationAsync(Id(1), Id(2), Id(100), FollowSettings.Default, CancellationToken.None);

        Assert.IsType<PostgreSqlSocialStore>(store);
        Assert.Equal(1, await store.CountFollowersAsync(Id(2), CancellationToken.None));
    }
}
