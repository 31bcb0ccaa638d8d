using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    /// <summary>The statements of one mark table; the table name is a constant chosen by kind, never a value.</summary>
    private sealed record MarkSql(string Add, string Remove, string Markers, string MarkedNewest, string MarkedOldest)
    {
        public static MarkSql For(string table) => new(
            $"INSERT INTO {table} (id, account_id, status_id) VALUES ($id, $account, $status) ON CONFLICT DO NOTHING",
            $"DELETE FROM {table} WHERE account_id = $account AND status_id = $status",
            $"SELECT id, account_id FROM {table} WHERE status_id = $status ORDER BY id DESC",
            $"SELECT id, status_id FROM {table} WHERE account_id = $account AND id > $after AND id < $before ORDER BY id DESC LIMIT $limit",
            $"SELECT id, status_id FROM {table} WHERE account_id = $account AND id > $after AND id < $before ORDER BY id LIMIT $limit");
    }

    private static readonly MarkSql s_favourites = MarkSql.For("favourites");
    private static readonly MarkSql s_bookmarks = MarkSql.For("bookmarks");

    private static readonly string[] s_deleteMarksOfStatus =
        ["DELETE FROM favourites WHERE status_id = $status", "DELETE FROM bookmarks WHERE status_id = $status"];

    /// <inheritdoc />
    public async Task<AddedWithNotification> AddMarkAsync(
        StatusMarkKind kind, long accountId, long statusId, long markId, NotificationRow? notification, CancellationToken cancellationToken)
    {
        var sql = Marks(kind);
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        var command = session.Prepared(sql.Add, transaction);
        command.Parameters.Add("$id", SqliteType.Integer).Value = markId;
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        command.Parameters.Add("$status", SqliteType.Integer).Value = statusId;
        return await AddWithNotificationAsync(session, transaction, command, notification, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveMarkAsync(StatusMarkKind kind, long accountId, long statusId, long? notifiedAccountId, CancellationToken cancellationToken)
    {
        var sql = Marks(kind);
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        var command = session.Prepared(sql.Remove, transaction);
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        command.Parameters.Add("$status", SqliteType.Integer).Value = statusId;

        // The mark's notification goes in its transaction (Mastodon destroys it with the favourite).
        (long, NotificationType, long, long?)? notification =
            notifiedAccountId is { } recipient ? (recipient, kind.NotificationType(), accountId, statusId) : null;
        return await RemoveWithNotificationAsync(session, transaction, command, notification, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StatusMarks> LoadStatusMarksAsync(long statusId, CancellationToken cancellationToken) =>
        // A local file has no round trips to save: the four reads one after another.
        new(
            await ListMarkersAsync(StatusMarkKind.Favourite, statusId, cancellationToken).ConfigureAwait(false),
            await ListMarkersAsync(StatusMarkKind.Bookmark, statusId, cancellationToken).ConfigureAwait(false),
            await ListReblogsAsync(statusId, cancellationToken).ConfigureAwait(false),
            await CountRepliesAsync(statusId, cancellationToken).ConfigureAwait(false));

    private async Task<IReadOnlyList<MarkRow>> ListMarkersAsync(StatusMarkKind kind, long statusId, CancellationToken cancellationToken)
    {
        var sql = Marks(kind);
        List<(long Id, long Other)> rows;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(sql.Markers);
            command.Parameters.Add("$status", SqliteType.Integer).Value = statusId;
            rows = await ReadPairsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        return ToMarks(rows);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MarkRow>> ListMarkedStatusesAsync(
        StatusMarkKind kind, long accountId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sql = Marks(kind);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty)
        {
            return [];
        }

        List<(long Id, long Other)> rows;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(bounds.OldestFirst ? sql.MarkedOldest : sql.MarkedNewest);
            command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
            AddPage(command, bounds);
            rows = await ReadPairsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        bounds.Finish(rows);
        return ToMarks(rows);
    }

    /// <inheritdoc />
    public async Task DeleteMarksOfStatusAsync(long statusId, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        foreach (var sql in s_deleteMarksOfStatus)
        {
            var command = session.Prepared(sql, transaction);
            command.Parameters.Add("$status", SqliteType.Integer).Value = statusId;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static MarkSql Marks(StatusMarkKind kind) => kind switch
    {
        StatusMarkKind.Favourite => s_favourites,
        StatusMarkKind.Bookmark => s_bookmarks,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown mark kind."),
    };

    private static MarkRow[] ToMarks(List<(long Id, long Other)> rows)
    {
        var marks = new MarkRow[rows.Count];
        for (var i = 0; i < marks.Length; i++)
        {
            marks[i] = new MarkRow(rows[i].Id, rows[i].Other);
        }

        return marks;
    }
}
