using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Notifications;

namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    private const string NotificationColumns = "id, recipient_id, type, from_account_id, status_id";

    // $types: mask of types to include (0 = all); $excluded: mask of types to leave out; $from: an account or null;
    // $status: a status or null.
    private const string NotificationsWhere = """
        WHERE recipient_id = $recipient AND id > $after AND id < $before
          AND ($types = 0 OR ($types >> type) & 1 = 1)
          AND ($excluded >> type) & 1 = 0
          AND ($from IS NULL OR from_account_id = $from)
          AND ($status IS NULL OR status_id = $status)
        """;

    private const string NotificationsNewestSql =
        "SELECT " + NotificationColumns + " FROM notifications " + NotificationsWhere + " ORDER BY id DESC LIMIT $limit";

    private const string NotificationsOldestSql =
        "SELECT " + NotificationColumns + " FROM notifications " + NotificationsWhere + " ORDER BY id LIMIT $limit";

    /// <inheritdoc />
    public async Task<bool> AddNotificationAsync(NotificationRow notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        return await InsertNotificationAsync(session, notification, transaction: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="insert"/> (a prepared insert of a row in <paramref name="transaction"/>) and, only if it added
    /// the row, the insert of its notification, then commits: the two are one transaction.
    /// </summary>
    private static async Task<AddedWithNotification> AddWithNotificationAsync(
        Session session, SqliteTransaction transaction, SqliteCommand insert, NotificationRow? notification, CancellationToken cancellationToken)
    {
        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return new AddedWithNotification(Added: false, Notified: false);
        }

        var notified = notification is not null
            && await InsertNotificationAsync(session, notification, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AddedWithNotification(Added: true, notified);
    }

    /// <summary>
    /// Runs <paramref name="delete"/> (a prepared delete of a row in <paramref name="transaction"/>) and, only if it
    /// removed the row, the delete of its <paramref name="notification"/> (if it has one), then commits: the two are one
    /// transaction.
    /// </summary>
    private static async Task<bool> RemoveWithNotificationAsync(
        Session session,
        SqliteTransaction transaction,
        SqliteCommand delete,
        (long RecipientId, NotificationType Type, long FromAccountId, long? StatusId)? notification,
        CancellationToken cancellationToken)
    {
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        if (notification is var (recipientId, type, fromAccountId, statusId))
        {
            await DeleteNotificationOfAsync(session, transaction, recipientId, type, fromAccountId, statusId, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> InsertNotificationAsync(
        Session session, NotificationRow notification, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = session.Prepared(
            "INSERT INTO notifications (id, recipient_id, type, from_account_id, status_id) VALUES ($id, $recipient, $type, $from, $status) " +
            "ON CONFLICT DO NOTHING",
            transaction);
        command.Parameters.Add("$id", SqliteType.Integer).Value = notification.Id;
        command.Parameters.Add("$recipient", SqliteType.Integer).Value = notification.RecipientId;
        command.Parameters.Add("$type", SqliteType.Integer).Value = (int)notification.Type;
        command.Parameters.Add("$from", SqliteType.Integer).Value = notification.FromAccountId;
        command.Parameters.Add("$status", SqliteType.Integer).Value = (object?)notification.StatusId ?? DBNull.Value;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NotificationRow>> ListNotificationsAsync(long recipientId, NotificationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bounds = PageBounds.From(query.Page);
        if (bounds.IsEmpty)
        {
            return [];
        }

        List<NotificationRow> rows;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(bounds.OldestFirst ? NotificationsOldestSql : NotificationsNewestSql);
            AddQuery(command, recipientId, bounds, query);
            command.Parameters.Add("$limit", SqliteType.Integer).Value = bounds.Limit;
            rows = await ReadNotificationsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        bounds.Finish(rows);
        return rows;
    }

    /// <inheritdoc />
    public async Task DeleteNotificationsAsync(long recipientId, NotificationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        var command = session.Prepared("DELETE FROM notifications " + NotificationsWhere);
        AddQuery(command, recipientId, PageBounds.From(query.Page), query);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The parameters of NotificationsWhere.
    private static void AddQuery(SqliteCommand command, long recipientId, PageBounds bounds, NotificationQuery query)
    {
        command.Parameters.Add("$recipient", SqliteType.Integer).Value = recipientId;
        command.Parameters.Add("$after", SqliteType.Integer).Value = bounds.After;
        command.Parameters.Add("$before", SqliteType.Integer).Value = bounds.Before;
        command.Parameters.Add("$types", SqliteType.Integer).Value = NotificationTypeMask.From(query.Types);
        command.Parameters.Add("$excluded", SqliteType.Integer).Value = NotificationTypeMask.From(query.ExcludeTypes);
        command.Parameters.Add("$from", SqliteType.Integer).Value = (object?)query.FromAccountId ?? DBNull.Value;
        command.Parameters.Add("$status", SqliteType.Integer).Value = (object?)query.StatusId ?? DBNull.Value;
    }

    /// <inheritdoc />
    public async Task<NotificationRow?> GetNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command("SELECT " + NotificationColumns + " FROM notifications WHERE recipient_id = $recipient AND id = $id");
        command.Parameters.Add("$recipient", SqliteType.Integer).Value = recipientId;
        command.Parameters.Add("$id", SqliteType.Integer).Value = notificationId;
        var rows = await ReadNotificationsAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> DeleteNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken) =>
        await DeleteNotificationsAsync(
            "DELETE FROM notifications WHERE recipient_id = $recipient AND id = $id", recipientId, notificationId, cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public Task ClearNotificationsAsync(long recipientId, CancellationToken cancellationToken) =>
        DeleteNotificationsAsync("DELETE FROM notifications WHERE recipient_id = $recipient", recipientId, null, cancellationToken);

    /// <inheritdoc />
    public Task DeleteNotificationsForStatusAsync(long recipientId, long statusId, CancellationToken cancellationToken) =>
        DeleteNotificationsAsync("DELETE FROM notifications WHERE recipient_id = $recipient AND status_id = $id", recipientId, statusId, cancellationToken);

    /// <inheritdoc />
    public async Task DeleteNotificationOfAsync(long recipientId, NotificationType type, long fromAccountId, long? statusId, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        await DeleteNotificationOfAsync(session, transaction: null, recipientId, type, fromAccountId, statusId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteNotificationOfAsync(
        Session session, SqliteTransaction? transaction, long recipientId, NotificationType type, long fromAccountId, long? statusId, CancellationToken cancellationToken)
    {
        var command = session.Prepared(
            "DELETE FROM notifications WHERE recipient_id = $recipient AND type = $type AND from_account_id = $from AND status_id IS $status",
            transaction);
        command.Parameters.Add("$recipient", SqliteType.Integer).Value = recipientId;
        command.Parameters.Add("$type", SqliteType.Integer).Value = (int)type;
        command.Parameters.Add("$from", SqliteType.Integer).Value = fromAccountId;
        command.Parameters.Add("$status", SqliteType.Integer).Value = (object?)statusId ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> DeleteNotificationsAsync(string sql, long recipientId, long? id, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        var command = session.Prepared(sql);
        command.Parameters.Add("$recipient", SqliteType.Integer).Value = recipientId;
        if (id is { } value)
        {
            command.Parameters.Add("$id", SqliteType.Integer).Value = value;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<NotificationRow>> ReadNotificationsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<NotificationRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new NotificationRow(
                reader.GetInt64(0),
                reader.GetInt64(1),
                (NotificationType)reader.GetInt32(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return rows;
    }
}
