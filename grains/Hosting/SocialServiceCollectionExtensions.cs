using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weft.GrainInterfaces.Live;
using Weft.Grains.Data;
using Weft.Grains.Data.PostgreSql;
using Weft.Grains.Data.Sqlite;
using Weft.Grains.Ids;
using Weft.Grains.Live;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Persistence.Sqlite.Streams;

namespace Weft.Grains.Hosting;

/// <summary>Registers what Weft's social grains need.</summary>
public static class SocialServiceCollectionExtensions
{
    /// <summary>
    /// Adds the id generator (<c>Weft:Ids</c>), the social options (<c>Weft:Social</c>, validated at start-up), the
    /// in-process live feed and the social store (in the database of the <c>Default</c> grain storage).
    /// </summary>
    public static IServiceCollection AddWeftSocial(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SnowflakeIdOptions>().Bind(configuration.GetSection(SnowflakeIdOptions.Section));
        services.AddOptions<SocialOptions>()
            .Bind(configuration.GetSection(SocialOptions.Section))
            .Validate(SocialOptions.IsValid, SocialOptions.ValidationMessage)
            .ValidateOnStart();
        services.TryAddSingleton<SnowflakeIdGenerator>();
        services.TryAddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddSocialStoreFromConfiguration();

        // Whichever queue holds the status stream (PostgreSQL or SQLite, in the store's database) indexes new and edited
        // statuses as it stores them; the fan-out indexes only events stored without the projection.
        services.TryAddSingleton<StatusIndexRowSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<PostgreSqlOutboxProjection, PostgreSqlStatusIndexProjection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<SqliteOutboxProjection, SqliteStatusIndexProjection>());
        return services;
    }
}
