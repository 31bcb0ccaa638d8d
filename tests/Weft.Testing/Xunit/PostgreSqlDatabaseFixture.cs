using Weft.Testing.PostgreSql;
using Xunit;

namespace Weft.Testing.Xunit;

/// <summary>
/// A PostgreSQL database per test class: <c>IClassFixture&lt;PostgreSqlDatabaseFixture&gt;</c>. If no server can be
/// started the class's tests fail with the reason; they never skip.
/// </summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    private PostgreSqlDatabase? _database;

    /// <summary>The class's database.</summary>
    public PostgreSqlDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A connection string to the class's database.</summary>
    public string ConnectionString => Database.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _database = await PostgreSqlDatabase.CreateAsync("class").ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }
}
