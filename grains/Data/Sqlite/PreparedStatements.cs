using Microsoft.Data.Sqlite;

namespace Weft.Grains.Data.Sqlite;

/// <summary>
/// Statements kept prepared on one connection (the file's write connection), by SQL text. Not thread-safe: its owner
/// uses it under the file's write gate.
/// </summary>
internal sealed class PreparedStatements
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>Keeps statements for <paramref name="connection"/>, closing those of another (a reopened connection).</summary>
    public void UseConnection(SqliteConnection connection)
    {
        if (!ReferenceEquals(connection, _connection))
        {
            Close();
            _connection = connection;
        }
    }

    /// <summary>The statement for <paramref name="sql"/>, its parameters cleared, bound to <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Disposes every statement and forgets the connection.</summary>
    public void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection = null;
    }
}
