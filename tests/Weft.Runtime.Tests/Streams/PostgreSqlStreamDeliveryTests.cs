using Weft.Persistence;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Testing.Xunit;

namespace Weft.Runtime.Tests.Streams;

public sealed class PostgreSqlStreamDeliveryTests(PostgreSqlDatabaseFixture database)
    : DurableStreamDeliveryTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    protected override IStreamQueue CreateQueue()
        => new PostgreSqlStreamQueue("Default", new PostgreSqlStreamQueueOptions { ConnectionString = database.ConnectionString });

    protected override IGrainStorage CreateStorage()
        => new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = database.ConnectionString });
}
