using Npgsql;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    /// <summary>
    /// The statements of one mark table; the table name is a constant chosen by kind, never a value. Marks that notify
    /// (favourites) are removed with their notification by <see cref="RemoveNotified"/>.
    /// </summary>
    private sealed record MarkSql(string Add, string Remove, string? RemoveNotified, string Markers, string MarkedNewest, string MarkedOldest)
    {
        public static MarkSql For(string table, NotificationType? notifies)
        {
            var remove = $"DELETE FROM {table} WHERE account_id = $1 AND status_id = $2";
            return new(
                AddWithNotificationSql($"INSERT INTO {table} (id, account_id, status_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", 3),
                remove,
                notifies is { } type ? RemoveWithNotificationSql(remove, recipient: "$3", type, from: "$1", status: "$2") : null,
                $"SELECT id, account_id FROM {table} WHERE status_id = $1 ORDER BY id DESC",
                $"SELECT id, status_id FROM {table} WHERE account_id = $1 AND id > $2 AND id < $3 ORDER BY id DESC LIMIT $4",
                $"SELECT id, status_id FROM {table} WHERE account_id = $1 AND id > $2 AND id < $3 ORDER BY id LIMIT $4");
        }
    }

    private static readonly MarkSql s_favourites = MarkSql.For("weft.favourites", NotificationType.Favourite);
    private static readonly MarkSql s_bookmarks = MarkSql.For("weft.bookmarks", notifies: null);

    /// <inheritdoc />
    public Task<AddedWithNotification> AddMarkAsync(
        StatusMarkKind kind, long accountId, long statusId, long markId, NotificationRow? notification, CancellationToken cancellationToken) =>
        AddWithNotificationAsync(Marks(kind).Add, notification, cancellationToken, Long(markId), Long(accountId), Long(statusId));

    /// <inheritdoc />
    public async Task<bool> RemoveMarkAsync(StatusMarkKind kind, long accountId, long statusId, long? notifiedAccountId, CancellationToken cancellationToken)
    {
        if (notifiedAccountId is not { } recipient)
        {
            return await ExecuteAsync(Marks(kind).Remove, cancellationToken, Long(accountId), Long(statusId)).ConfigureAwait(false) == 1;
        }

        var removeNotified = Marks(kind).RemoveNotified ?? throw new ArgumentException($"A {kind} notifies no one.", nameof(notifiedAccountId));
        return await ScalarLongAsync(removeNotified, cancellationToken, Long(accountId), Long(statusId), Long(recipient)).ConfigureAwait(false) == 1;
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

        var rows = await ReadPairsAsync(
            bounds.OldestFirst ? sql.MarkedOldest : sql.MarkedNewest, bounds, cancellationToken,
            Long(accountId), Long(bounds.After), Long(bounds.Before), Int(bounds.Limit)).ConfigureAwait(false);
        return ToMarks(rows);
    }

    /// <inheritdoc />
    public async Task DeleteMarksOfStatusAsync(long statusId, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = _dataSource.CreateBatch();
        foreach (var sql in (ReadOnlySpan<string>)["DELETE FROM weft.favourites WHERE status_id = $1", "DELETE FROM weft.bookmarks WHERE status_id = $1"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Long(statusId));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static MarkSql Marks(StatusMarkKind kind) => kind switch
    {
        StatusMarkKind.Favourite => s_favourites,
        StatusMarkKind.Bookmark => s_bookmarks,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown mark kind."),
    };

    /// <summary>The (mark id, other id) rows of the reader's current result, in its order.</summary>
    private static async Task<IReadOnlyList<MarkRow>> ReadMarksAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var marks = new List<MarkRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            marks.Add(new MarkRow(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return marks;
    }

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
