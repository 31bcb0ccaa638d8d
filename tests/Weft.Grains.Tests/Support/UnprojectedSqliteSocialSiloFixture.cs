using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weft.Persistence.Sqlite.Streams;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// A social silo on SQLite whose stream queue has no outbox projections, as before they existed: every event reads as
/// not projected, so the fan-out indexes every status itself.
/// </summary>
public sealed class UnprojectedSqliteSocialSiloFixture : SqliteSocialSiloFixture
{
    protected override void ConfigureServices(IServiceCollection services) => services.RemoveAll<SqliteOutboxProjection>();
}
