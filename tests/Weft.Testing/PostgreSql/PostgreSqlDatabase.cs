using System.Text;
using Npgsql;

namespace Weft.Testing.PostgreSql;

/// <summary>
/// A fresh, uniquely named database on the test server (<see cref="PostgreSqlServer"/>), dropped on dispose. Give each
/// test class its own, so tests never see each other's rows.
/// </summary>
public sealed class PostgreSqlDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostgreSqlDatabase(PostgreSqlServer server, string name, string adminConnectionString)
    {
        Server = server;
        Name = name;
        _adminConnectionString = adminConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The server the database lives on.</summary>
    public PostgreSqlServer Server { get; }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database, as the server's superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database whose name starts with <paramref name="label"/> (for example the test class).</summary>
    public static async Task<PostgreSqlDatabase> CreateAsync(string label = "test")
    {
        var server = await PostgreSqlServer.GetAsync().ConfigureAwait(false);
        var name = $"weft_{Sanitize(label)}_{Guid.NewGuid().ToString("N")[..12]}";
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
        return new PostgreSqlDatabase(server, name, admin);
    }

    /// <summary>Runs SQL in this database on a fresh connection (not pooled), for arranging and checking tests.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(
        new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString, sql);

    /// <summary>Runs a query in this database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the database, disconnecting whoever still uses it.</summary>
    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)").ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string Sanitize(string label)
    {
        var builder = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.Length > 32 ? builder.ToString(0, 32) : builder.ToString();
    }
}
