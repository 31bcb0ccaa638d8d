using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Weft.GrainInterfaces.Notifications;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    private const string NotificationColumns = "id, recipient_id, type, from_account_id, status_id";

    // $1 recipient, $2 after, $3 before, $4 limit, $5 types mask (0 = all), $6 excluded types mask, $7 from account or
    // null, $8 status or null.
    private const string NotificationsWhere = """
        WHERE recipient_id = $1 AND id > $2 AND id < $3
          AND ($5 = 0 OR ($5 >> type::int) & 1 = 1)
          AND ($6 >> type::int) & 1 = 0
          AND ($7::bigint IS NULL OR from_account_id = $7)
          AND ($8::bigint IS NULL OR status_id = $8)
        """;

    private const string NotificationsNewestSql =
        "SELECT " + NotificationColumns + " FROM weft.notifications " + NotificationsWhere + " ORDER BY id DESC LIMIT $4";

    private const string NotificationsOldestSql =
        "SELECT " + NotificationColumns + " FROM weft.notifications " + NotificationsWhere + " ORDER BY id LIMIT $4";

    /// <summary>
    /// <paramref name="insert"/> (an insert ending in ON CONFLICT DO NOTHING, its parameters $1 to $<paramref name="rowParameters"/>)
    /// as one statement with a notification's insert that happens only with it, so one transaction. The notification's
    /// parameters follow the row's (<see cref="NotificationParameters"/>); a null id asks for none.
    /// </summary>
    private static string AddWithNotificationSql(string insert, int rowParameters)
    {
        var id = rowParameters + 1;
        return $"""
            WITH added AS ({insert} RETURNING 1),
            notified AS (
                INSERT INTO weft.notifications ({NotificationColumns})
                SELECT ${id}, ${id + 1}, ${id + 2}, ${id + 3}, ${id + 4} FROM added WHERE ${id} IS NOT NULL
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM added), EXISTS (SELECT 1 FROM notified)
            """;
    }

    /// <summary>Runs a statement of <see cref="AddWithNotificationSql"/> with the row's parameters and the notification's.</summary>
    private async Task<AddedWithNotification> AddWithNotificationAsync(
        string sql, NotificationRow? notification, CancellationToken cancellationToken, params NpgsqlParameter[] rowParameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, [.. rowParameters, .. NotificationParameters(notification)])
            .ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new AddedWithNotification(reader.GetBoolean(0), reader.GetBoolean(1));
    }

    // id (null: none), recipient, type, from, status.
    private static NpgsqlParameter[] NotificationParameters(NotificationRow? notification) =>
    [
        NullableLong(notification?.Id),
        Long(notification?.RecipientId ?? 0),
        new NpgsqlParameter<short> { TypedValue = (short)(notification?.Type ?? default) },
        Long(notification?.FromAccountId ?? 0),
        NullableLong(notification?.StatusId),
    ];

    /// <summary>
    /// <paramref name="delete"/> as one statement with the delete of the deleted row's notification, which happens only
    /// with it: the notification of <paramref name="type"/> to <paramref name="recipient"/> from <paramref name="from"/>
    /// about <paramref name="status"/> (SQL over the delete's parameters, "NULL" for no status). The statement answers how
    /// many rows it deleted.
    /// </summary>
    private static string RemoveWithNotificationSql(string delete, string recipient, NotificationType type, string from, string status) => $"""
        WITH removed AS ({delete} RETURNING 1),
        unnotified AS (
            DELETE FROM weft.notifications
            WHERE {NotificationOf(recipient, ((short)type).ToString(CultureInfo.InvariantCulture), from, status)} AND EXISTS (SELECT 1 FROM removed))
        SELECT count(*) FROM removed
        """;

    // The one notification of (recipient, type, from, status), as the dedupe index keys it.
    private static string NotificationOf(string recipient, string type, string from, string status) =>
        $"recipient_id = {recipient} AND type = {type} AND from_account_id = {from} AND status_id IS NOT DISTINCT FROM {status}";

    /// <inheritdoc />
    public async Task<bool> AddNotificationAsync(NotificationRow notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return await ExecuteAsync(
            "INSERT INTO weft.notifications (id, recipient_id, type, from_account_id, status_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            cancellationToken,
            Long(notification.Id),
            Long(notification.RecipientId),
            new NpgsqlParameter<short> { TypedValue = (short)notification.Type },
            Long(notification.FromAccountId),
            NullableLong(notification.StatusId)).ConfigureAwait(false) == 1;
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

        var rows = await ReadNotificationsAsync(
            bounds.OldestFirst ? NotificationsOldestSql : NotificationsNewestSql, cancellationToken, QueryParameters(recipientId, bounds, query))
            .ConfigureAwait(false);
        bounds.Finish(rows);
        return rows;
    }

    /// <inheritdoc />
    public Task DeleteNotificationsAsync(long recipientId, NotificationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ExecuteAsync(
            "DELETE FROM weft.notifications " + NotificationsWhere, // $4, the limit, goes unused: every match goes
            cancellationToken, QueryParameters(recipientId, PageBounds.From(query.Page), query));
    }

    private static NpgsqlParameter[] QueryParameters(long recipientId, PageBounds bounds, NotificationQuery query) =>
    [
        Long(recipientId), Long(bounds.After), Long(bounds.Before), Int(bounds.Limit),
        Long(NotificationTypeMask.From(query.Types)), Long(NotificationTypeMask.From(query.ExcludeTypes)),
        NullableLong(query.FromAccountId), NullableLong(query.StatusId),
    ];

    /// <inheritdoc />
    public async Task<NotificationRow?> GetNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken)
    {
        var rows = await ReadNotificationsAsync(
            "SELECT " + NotificationColumns + " FROM weft.notifications WHERE recipient_id = $1 AND id = $2",
            cancellationToken, Long(recipientId), Long(notificationId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> DeleteNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "DELETE FROM weft.notifications WHERE recipient_id = $1 AND id = $2",
            cancellationToken, Long(recipientId), Long(notificationId)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public Task ClearNotificationsAsync(long recipientId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM weft.notifications WHERE recipient_id = $1", cancellationToken, Long(recipientId));

    /// <inheritdoc />
    public Task DeleteNotificationsForStatusAsync(long recipientId, long statusId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM weft.notifications WHERE recipient_id = $1 AND status_id = $2",
            cancellationToken, Long(recipientId), Long(statusId));

    /// <inheritdoc />
    public Task DeleteNotificationOfAsync(long recipientId, NotificationType type, long fromAccountId, long? statusId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM weft.notifications WHERE " + NotificationOf("$1", "$2", "$3", "$4"),
            cancellationToken,
            Long(recipientId),
            new NpgsqlParameter<short> { TypedValue = (short)type },
            Long(fromAccountId),
            NullableLong(statusId));

    private static NpgsqlParameter NullableLong(long? value) =>
        value is { } v ? Long(v) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private async Task<List<NotificationRow>> ReadNotificationsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<NotificationRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new NotificationRow(
                reader.GetInt64(0),
                reader.GetInt64(1),
                (NotificationType)reader.GetInt16(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return rows;
    }
}
