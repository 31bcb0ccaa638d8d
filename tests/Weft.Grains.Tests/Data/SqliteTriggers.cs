using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Weft.Grains.Tests.Data;

/// <summary>Faults injected into a SQLite social store's database, inside its own transactions.</summary>
internal static class SqliteTriggers
{
    /// <summary>Every insert and delete of a notification to <paramref name="recipientId"/> aborts its statement.</summary>
    public static async Task FailNotificationWritesToAsync(string connectionString, long recipientId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var id = recipientId.ToString(CultureInfo.InvariantCulture);
        command.CommandText = $"""
            CREATE TRIGGER fail_insert_{id} BEFORE INSERT ON notifications WHEN NEW.recipient_id = {id}
            BEGIN SELECT RAISE(ABORT, 'injected: notifications to {id} cannot be written'); END;
            CREATE TRIGGER fail_delete_{id} BEFORE DELETE ON notifications WHEN OLD.recipient_id = {id}
            BEGIN SELECT RAISE(ABORT, 'injected: notifications to {id} cannot be written'); END;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
