using Npgsql;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    private const string FollowersNewestSql =
        "SELECT id, follower_id FROM weft.follows WHERE followee_id = $1 AND id > $2 AND id < $3 ORDER BY id DESC LIMIT $4";

    private const string FollowersOldestSql =
        "SELECT id, follower_id FROM weft.follows WHERE followee_id = $1 AND id > $2 AND id < $3 ORDER BY id LIMIT $4";

    private const string FollowingNewestSql =
        "SELECT id, followee_id FROM weft.follows WHERE follower_id = $1 AND id > $2 AND id < $3 ORDER BY id DESC LIMIT $4";

    private const string FollowingOldestSql =
        "SELECT id, followee_id FROM weft.follows WHERE follower_id = $1 AND id > $2 AND id < $3 ORDER BY id LIMIT $4";

    /// <inheritdoc />
    public Task<AddedWithNotification> AddFollowAsync(
        long followerId, long followeeId, long followId, FollowSettings settings, NotificationRow? notification, CancellationToken cancellationToken) =>
        AddWithNotificationAsync(
            AddFollowSql,
            notification,
            cancellationToken,
            Long(followerId),
            Long(followeeId),
            Long(followId),
            Bool(settings.ShowReblogs),
            Bool(settings.Notify));

    private static readonly string AddFollowSql = AddWithNotificationSql(
        "INSERT INTO weft.follows (follower_id, followee_id, id, show_reblogs, notify) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", 5);

    /// <inheritdoc />
    public async Task<bool> UpdateFollowAsync(long followerId, long followeeId, FollowSettings settings, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE weft.follows SET show_reblogs = $3, notify = $4 " +
            "WHERE follower_id = $1 AND followee_id = $2 AND (show_reblogs <> $3 OR notify <> $4)",
            cancellationToken, Long(followerId), Long(followeeId), Bool(settings.ShowReblogs), Bool(settings.Notify)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<bool> RemoveFollowAsync(long followerId, long followeeId, CancellationToken cancellationToken) =>
        await ScalarLongAsync(RemoveFollowSql, cancellationToken, Long(followerId), Long(followeeId)).ConfigureAwait(false) == 1;

    // The follow's notification goes with it, as Mastodon destroys it with the follow.
    private static readonly string RemoveFollowSql = RemoveWithNotificationSql(
        "DELETE FROM weft.follows WHERE follower_id = $1 AND followee_id = $2", recipient: "$2", NotificationType.Follow, from: "$1", status: "NULL");

    /// <inheritdoc />
    public Task<long> CountFollowersAsync(long accountId, CancellationToken cancellationToken) =>
        ScalarLongAsync(FollowersCountSql, cancellationToken, Long(accountId));

    private const string FollowersCountSql = "SELECT count(*) FROM weft.follows WHERE followee_id = $1";

    private const string FolloweesSql = "SELECT followee_id, show_reblogs, notify FROM weft.follows WHERE follower_id = $1 ORDER BY followee_id";

    /// <inheritdoc />
    public async Task<IReadOnlyList<FolloweeRow>> ListFolloweesAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(FolloweesSql, cancellationToken, Long(accountId)).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadFolloweesAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AccountRelations> LoadAccountRelationsAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var batch = await BatchForIdAsync(accountId, cancellationToken, FolloweesSql, FollowersCountSql, StatusesCountSql).ConfigureAwait(false);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var followees = await ReadFolloweesAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var followers = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new AccountRelations(followees, followers, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static async Task<IReadOnlyList<FolloweeRow>> ReadFolloweesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var followees = new List<FolloweeRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            followees.Add(new FolloweeRow(reader.GetInt64(0), new FollowSettings(reader.GetBoolean(1), reader.GetBoolean(2))));
        }

        return followees;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> FilterFollowersAsync(long accountId, IReadOnlyList<long> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        return candidateIds.Count == 0
            ? []
            : await ReadIdsAsync(
                "SELECT follower_id FROM weft.follows WHERE followee_id = $1 AND follower_id = ANY($2) ORDER BY follower_id",
                cancellationToken, Long(accountId), Longs(candidateIds)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Fan-out grains page their followers at the same moments: concurrent calls share one query.</remarks>
    public async Task<IReadOnlyList<FollowerRow>> ListFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _followerPages.RunAsync((accountId, afterAccountId, limit), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<FollowerRow>[]> ListFollowerPagesAsync(IReadOnlyList<(long AccountId, long After, int Limit)> pages)
    {
        var accounts = new long[pages.Count];
        var afters = new long[pages.Count];
        var limits = new int[pages.Count];
        var results = new List<FollowerRow>[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            (accounts[i], afters[i], limits[i]) = pages[i];
            results[i] = [];
        }

        // Each page through the (followee_id, follower_id) key, in order: one index range per request. One page is
        // the same statement with one row of parameters. Its plan is that whatever the values, but PostgreSQL prices
        // the generic plan (ten pages assumed) above the custom one (the real count) and so planned every execution
        // anew, which cost twice the execution on the posting path's fan-out: the generic plan is asked for.
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"));
        var pagesQuery = new NpgsqlBatchCommand(
            "SELECT q.ord, f.follower_id, f.notify FROM unnest($1::bigint[], $2::bigint[], $3::int[]) WITH ORDINALITY AS q(followee_id, after_id, page_limit, ord) " +
            "CROSS JOIN LATERAL (SELECT follower_id, notify FROM weft.follows WHERE followee_id = q.followee_id AND follower_id > q.after_id " +
            "ORDER BY follower_id LIMIT q.page_limit) f ORDER BY q.ord, f.follower_id");
        pagesQuery.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = accounts });
        pagesQuery.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = afters });
        pagesQuery.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = limits });
        batch.BatchCommands.Add(pagesQuery);
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            results[reader.GetInt64(0) - 1].Add(new FollowerRow(reader.GetInt64(1), reader.GetBoolean(2)));
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListNotifiedFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken) =>
        limit <= 0
            ? []
            : await ReadIdsAsync(
                "SELECT follower_id FROM weft.follows WHERE followee_id = $1 AND notify AND follower_id > $2 ORDER BY follower_id LIMIT $3",
                cancellationToken, Long(accountId), Long(afterAccountId), Int(limit)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowRow>> ListFollowersAsync(long accountId, PageRequest page, CancellationToken cancellationToken) =>
        ListFollowsAsync(FollowersNewestSql, FollowersOldestSql, accountId, page, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowRow>> ListFollowingAsync(long accountId, PageRequest page, CancellationToken cancellationToken) =>
        ListFollowsAsync(FollowingNewestSql, FollowingOldestSql, accountId, page, cancellationToken);

    /// <inheritdoc />
    public async Task SetBigAccountAsync(long accountId, bool big, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            big
                ? "INSERT INTO weft.big_accounts (account_id) VALUES ($1) ON CONFLICT DO NOTHING"
                : "DELETE FROM weft.big_accounts WHERE account_id = $1",
            cancellationToken, Long(accountId)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListBigFolloweesAsync(long followerId, CancellationToken cancellationToken) =>
        await ReadIdsAsync(
            "SELECT f.followee_id FROM weft.follows f JOIN weft.big_accounts b ON b.account_id = f.followee_id " +
            "WHERE f.follower_id = $1 ORDER BY f.followee_id",
            cancellationToken, Long(followerId)).ConfigureAwait(false);

    private async Task<IReadOnlyList<FollowRow>> ListFollowsAsync(
        string newestSql, string oldestSql, long accountId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty)
        {
            return [];
        }

        var rows = await ReadPairsAsync(
            bounds.OldestFirst ? oldestSql : newestSql, bounds, cancellationToken,
            Long(accountId), Long(bounds.After), Long(bounds.Before), Int(bounds.Limit)).ConfigureAwait(false);
        var follows = new FollowRow[rows.Count];
        for (var i = 0; i < follows.Length; i++)
        {
            follows[i] = new FollowRow(rows[i].Id, rows[i].Other);
        }

        return follows;
    }
}
