using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Weft.Persistence.Sqlite;

public sealed partial class SqliteGrainStorage
{
    /// <summary>
    /// Opens the file (creating it and its directory), switches it to WAL, creates the table if missing and checks
    /// an existing one has the expected primary key. Idempotent, and safe when several providers share a file.
    /// </summary>
    /// <exception cref="GrainStorageException">The file cannot be created or opened, or is not a SQLite database.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ready = false; // Initialize again: re-create the table if it was dropped, and re-check it.
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            LogOpened(_logger, _name, _path, _table);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "initialize", key: null);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Opens the write connection, creates and checks the table and prepares the write statements, unless done.
    /// Called under <see cref="_writeGate"/>.
    /// </summary>
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await EnsureWriterAsync(cancellationToken).ConfigureAwait(false);
        {
            var create =
                $"CREATE TABLE IF NOT EXISTS {_table} (\n" +
                "    grain_type  TEXT    NOT NULL,\n" +
                "    grain_key   BLOB    NOT NULL,\n" +
                "    state_name  TEXT    NOT NULL,\n" +
                "    data        BLOB    NULL,\n" +
                "    version     INTEGER NOT NULL,\n" +
                "    modified_at TEXT    NOT NULL,\n" +
                "    PRIMARY KEY (grain_type, grain_key, state_name)\n" +
                ")";
            await using (var command = _preparedOn!.CreateCommand())
            {
                command.CommandText = create;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = _preparedOn.CreateCommand())
            {
                command.CommandText = "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info($table) WHERE pk > 0 ORDER BY pk)";
                command.Parameters.AddWithValue("$table", _table[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal));
                var primaryKey = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (primaryKey != "grain_type, grain_key, state_name")
                {
                    throw new GrainStorageException(
                        $"Storage provider '{_name}' found table {_table} in {_path}, but its primary key is ({primaryKey}), not " +
                        $"(grain_type, grain_key, state_name). It may belong to another program: set {_settings}:Table to another name.");
                }
            }

            await PrepareWriterCommandsAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
    }

    /// <summary>
    /// Opens the file's shared write connection if it is not open; if it is another connection than the one the
    /// statements were prepared on, they are prepared again. Called under <see cref="_writeGate"/>.
    /// </summary>
    private async Task EnsureWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteConnection connection;
        try
        {
            connection = await _writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GrainStorageException(
                $"Storage provider '{_name}' could not create directory {Path.GetDirectoryName(_path)} for its SQLite file — check the path in " +
                $"{_settings}:ConnectionString: {ex.Message}", ex);
        }

        if (!ReferenceEquals(connection, _preparedOn))
        {
            await CloseCommandsAsync().ConfigureAwait(false);
            _ready = false;
            _preparedOn = connection;
        }
    }

    /// <summary>Prepares the three write statements once; they stay prepared on the write connection.</summary>
    private async Task PrepareWriterCommandsAsync(CancellationToken cancellationToken)
    {
        await CloseCommandsAsync().ConfigureAwait(false);
        var insert = CreateWriterCommand(_insertSql, withData: true, withVersion: false);
        var update = CreateWriterCommand(_updateSql, withData: true, withVersion: true);
        var clear = CreateWriterCommand(_clearSql, withData: false, withVersion: true);
        foreach (var command in new[] { insert, update, clear })
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        (_insert, _update, _clear) = (insert, update, clear);
    }

    private SqliteCommand CreateWriterCommand(string sql, bool withData, bool withVersion)
    {
        var command = _preparedOn!.CreateCommand();
        command.CommandText = sql;
        AddKey(command, default, []);
        if (withData)
        {
            command.Parameters.Add("$data", SqliteType.Blob).Value = Array.Empty<byte>();
        }

        if (withVersion)
        {
            command.Parameters.Add("$version", SqliteType.Integer).Value = 0L;
        }

        return command;
    }

    private async Task CloseCommandsAsync()
    {
        foreach (var command in new[] { _insert, _update, _clear })
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }

        (_insert, _update, _clear) = (null, null, null);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Storage provider '{Name}' keeps grain state in {Path}, table {Table}")]
    private static partial void LogOpened(ILogger logger, string name, string path, string table);
}
