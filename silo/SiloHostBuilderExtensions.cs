using Weft.Grains.Health;
using Weft.Grains.Hosting;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Hosting;
using Weft.Runtime.Persistence;
using Weft.Runtime.Streams;

namespace Weft.Silo;

/// <summary>Sets up a Weft silo from configuration; used by this process and by the API when it co-hosts a silo.</summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>
    /// Adds a silo with Weft's grains, options from <c>Weft:Silo</c>, the storage providers named under
    /// <c>Weft:Storage</c> and the stream providers named under <c>Weft:Streams</c> (kinds PostgreSql, Sqlite and
    /// Memory; <c>Weft:Database</c> fills both Defaults, see <see cref="DatabaseDefaults"/>), and the social domain's
    /// services (<c>Weft:Social</c>, <c>Weft:Ids</c>, the social store in the Default storage's database). A grain
    /// state whose provider is not configured stops start-up with a message naming the setting; nothing falls back
    /// to memory silently. A second silo on one PostgreSQL database is warned about (<see cref="SingleSiloCheck"/>).
    /// </summary>
    public static IHostApplicationBuilder AddWeftSilo(this IHostApplicationBuilder builder)
    {
        DatabaseDefaults.Apply(builder.Configuration);
        builder.Services.AddWeftSilo(options => options.GrainAssemblies.Add(typeof(HealthGrain).Assembly));
        builder.Services.AddPostgreSqlStorageKind();
        builder.Services.AddSqliteStorageKind();
        builder.Services.AddMemoryStorageKind();
        builder.Services.AddGrainStorageFromConfiguration();
        builder.Services.AddWeftStreams();
        builder.Services.AddPostgreSqlStreamQueueKind();
        builder.Services.AddSqliteStreamQueueKind();
        builder.Services.AddMemoryStreamQueueKind();
        builder.Services.AddWeftSocial(builder.Configuration);
        builder.Services.AddHostedService<SingleSiloCheck>();
        return builder;
    }
}
