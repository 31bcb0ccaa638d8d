using Weft.Persistence;
using Weft.Persistence.PostgreSql;
using Weft.Testing.Xunit;

namespace Weft.Runtime.Tests;

public sealed class PostgreSqlPersistedGrainTests(PostgreSqlDatabaseFixture database)
    : PersistedGrainTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    protected override IGrainStorage CreateStorage()
        => new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = database.ConnectionString });
}
