using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    private const string FollowersNewestSql =
        "SELECT id, follower_id FROM follows WHERE followee_id = $account AND id > $after AND id < $before ORDER BY id DESC LIMIT $limit";

    private const string FollowersOldestSql =
        "SELECT id, follower_id FROM follows WHERE followee_id = $account AND id > $after AND id < $before ORDER BY id LIMIT $limit";

    private const string FollowingNewestSql =
        "SELECT id, followee_id FROM follows WHERE follower_id = $account AND id > $after AND id < $before ORDER BY id DESC LIMIT $limit";

    private const string FollowingOldestSql =
        "SELECT id, followee_id FROM follows WHERE follower_id = $account AND id > $after AND id < $before ORDER BY id LIMIT $limit";

    /// <inheritdoc />
    public async Task<AddedWithNotification> AddFollowAsync(
        long followerId, long followeeId, long followId, FollowSettings settings, NotificationRow? notification, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        var command = session.Prepared(
            "INSERT INTO follows (follower_id, followee_id, id, show_reblogs, notify) VALUES ($follower, $followee, $id, $reblogs, $notify) " +
            "ON CONFLICT DO NOTHING",
            transaction);
        command.Parameters.Add("$follower", SqliteType.Integer).Value = followerId;
        command.Parameters.Add("$followee", SqliteType.Integer).Value = followeeId;
        command.Parameters.Add("$id", SqliteType.Integer).Value = followId;
        AddSettings(command, settings);
        return await AddWithNotificationAsync(session, transaction, command, notification, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> UpdateFollowAsync(long followerId, long followeeId, FollowSettings settings, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        var command = session.Prepared(
            "UPDATE follows SET show_reblogs = $reblogs, notify = $notify " +
            "WHERE follower_id = $follower AND followee_id = $followee AND (show_reblogs <> $reblogs OR notify <> $notify)");
        command.Parameters.Add("$follower", SqliteType.Integer).Value = followerId;
        command.Parameters.Add("$followee", SqliteType.Integer).Value = followeeId;
        AddSettings(command, settings);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveFollowAsync(long followerId, long followeeId, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        var command = session.Prepared("DELETE FROM follows WHERE follower_id = $follower AND followee_id = $followee", transaction);
        command.Parameters.Add("$follower", SqliteType.Integer).Value = followerId;
        command.Parameters.Add("$followee", SqliteType.Integer).Value = followeeId;

        // The follow's notification goes in its transaction (Mastodon destroys it with the follow).
        return await RemoveWithNotificationAsync(session, transaction, command, (followeeId, NotificationType.Follow, followerId, null), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> CountFollowersAsync(long accountId, CancellationToken cancellationToken) =>
        CountAsync("SELECT count(*) FROM follows WHERE followee_id = $id", accountId, cancellationToken);

    /// <inheritdoc />
    public async Task<AccountRelations> LoadAccountRelationsAsync(long accountId, CancellationToken cancellationToken)
    {
        // A local file has no round trips to save: the three reads one after another.
        var followees = await ListFolloweesAsync(accountId, cancellationToken).ConfigureAwait(false);
        var followers = await CountFollowersAsync(accountId, cancellationToken).ConfigureAwait(false);
        var (statuses, newestId) = await CountStatusesAsync(accountId, cancellationToken).ConfigureAwait(false);
        return new AccountRelations(followees, followers, statuses, newestId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FolloweeRow>> ListFolloweesAsync(long accountId, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command("SELECT followee_id, show_reblogs, notify FROM follows WHERE follower_id = $account ORDER BY followee_id");
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var followees = new List<FolloweeRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            followees.Add(new FolloweeRow(reader.GetInt64(0), new FollowSettings(reader.GetInt64(1) != 0, reader.GetInt64(2) != 0)));
        }

        return followees;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> FilterFollowersAsync(long accountId, IReadOnlyList<long> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        if (candidateIds.Count == 0)
        {
            return [];
        }

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            "SELECT follower_id FROM follows WHERE followee_id = $account AND follower_id IN (SELECT value FROM json_each($candidates)) " +
            "ORDER BY follower_id");
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        command.Parameters.Add("$candidates", SqliteType.Text).Value = JsonArray(candidateIds);
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowerRow>> ListFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = FollowerPageCommand(
            session, "SELECT follower_id, notify FROM follows WHERE followee_id = $account AND follower_id > $after ORDER BY follower_id LIMIT $limit",
            accountId, afterAccountId, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var followers = new List<FollowerRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            followers.Add(new FollowerRow(reader.GetInt64(0), reader.GetInt64(1) != 0));
        }

        return followers;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListNotifiedFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = FollowerPageCommand(
            session, "SELECT follower_id FROM follows WHERE followee_id = $account AND notify = 1 AND follower_id > $after ORDER BY follower_id LIMIT $limit",
            accountId, afterAccountId, limit);
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowRow>> ListFollowersAsync(long accountId, PageRequest page, CancellationToken cancellationToken) =>
        ListFollowsAsync(FollowersNewestSql, FollowersOldestSql, accountId, page, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowRow>> ListFollowingAsync(long accountId, PageRequest page, CancellationToken cancellationToken) =>
        ListFollowsAsync(FollowingNewestSql, FollowingOldestSql, accountId, page, cancellationToken);

    /// <inheritdoc />
    public async Task SetBigAccountAsync(long accountId, bool big, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        var command = session.Prepared(big
            ? "INSERT INTO big_accounts (account_id) VALUES ($account) ON CONFLICT DO NOTHING"
            : "DELETE FROM big_accounts WHERE account_id = $account");
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListBigFolloweesAsync(long followerId, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            "SELECT f.followee_id FROM follows f JOIN big_accounts b ON b.account_id = f.followee_id " +
            "WHERE f.follower_id = $account ORDER BY f.followee_id");
        command.Parameters.Add("$account", SqliteType.Integer).Value = followerId;
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand FollowerPageCommand(Session session, string sql, long accountId, long afterAccountId, int limit)
    {
        var command = session.Command(sql);
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        command.Parameters.Add("$after", SqliteType.Integer).Value = afterAccountId;
        command.Parameters.Add("$limit", SqliteType.Integer).Value = limit;
        return command;
    }

    private static void AddSettings(SqliteCommand command, FollowSettings settings)
    {
        command.Parameters.Add("$reblogs", SqliteType.Integer).Value = settings.ShowReblogs ? 1 : 0;
        command.Parameters.Add("$notify", SqliteType.Integer).Value = settings.Notify ? 1 : 0;
    }

    private async Task<long> CountAsync(string sql, long id, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(sql);
        command.Parameters.Add("$id", SqliteType.Integer).Value = id;
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<IReadOnlyList<FollowRow>> ListFollowsAsync(
        string newestSql, string oldestSql, long accountId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty)
        {
            return [];
        }

        List<(long Id, long Other)> rows;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(bounds.OldestFirst ? oldestSql : newestSql);
            command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
            AddPage(command, bounds);
            rows = await ReadPairsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        bounds.Finish(rows);
        var follows = new FollowRow[rows.Count];
        for (var i = 0; i < follows.Length; i++)
        {
            follows[i] = new FollowRow(rows[i].Id, rows[i].Other);
        }

        return follows;
    }
}
