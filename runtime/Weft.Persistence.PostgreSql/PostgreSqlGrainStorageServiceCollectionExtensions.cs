using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Persistence;

namespace Weft.Persistence.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlGrainStorage"/> by name, or as the configuration kind "PostgreSql".</summary>
public static class PostgreSqlGrainStorageServiceCollectionExtensions
{
    /// <summary>The kind's name in configuration: <c>Weft:Storage:&lt;name&gt;:Provider=PostgreSql</c>.</summary>
    public const string KindName = "PostgreSql";

    /// <summary>Registers a PostgreSQL provider under <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgreSqlGrainStorage(
        this IServiceCollection services, string name, Action<PostgreSqlGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddGrainStorage(name, sp =>
        {
            var options = new PostgreSqlGrainStorageOptions();
            configure(options);
            return new PostgreSqlGrainStorage(name, options, sp.GetService<ILogger<PostgreSqlGrainStorage>>());
        });
    }

    /// <summary>
    /// Makes the "PostgreSql" kind available to configuration. It reads <c>ConnectionString</c> (required),
    /// <c>Schema</c> and <c>Table</c> from <c>Weft:Storage:&lt;name&gt;</c>.
    /// </summary>
    public static IServiceCollection AddPostgreSqlStorageKind(this IServiceCollection services) =>
        services.AddGrainStorageKind(new GrainStorageKind(KindName, static (sp, name, section) =>
            new PostgreSqlGrainStorage(name, ReadOptions(name, section), sp.GetService<ILogger<PostgreSqlGrainStorage>>())));

    private static PostgreSqlGrainStorageOptions ReadOptions(string name, IConfigurationSection section)
    {
        var options = new PostgreSqlGrainStorageOptions();
        var connectionString = section[nameof(options.ConnectionString)];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new GrainStorageException(
                $"Storage provider '{name}' is a PostgreSql provider without a connection string: set " +
                $"{GrainStorageServiceCollectionExtensions.StorageSection}:{name}:ConnectionString " +
                "(for example Host=127.0.0.1;Database=weft;Username=weft;Password=…).");
        }

        options.ConnectionString = connectionString;
        options.Schema = section[nameof(options.Schema)] is { Length: > 0 } schema ? schema : options.Schema;
        options.Table = section[nameof(options.Table)] is { Length: > 0 } table ? table : options.Table;
        return options;
    }
}
