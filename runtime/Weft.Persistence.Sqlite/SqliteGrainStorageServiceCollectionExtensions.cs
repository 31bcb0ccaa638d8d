using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Persistence;

namespace Weft.Persistence.Sqlite;

/// <summary>Registers <see cref="SqliteGrainStorage"/> by name, or as the configuration kind "Sqlite".</summary>
public static class SqliteGrainStorageServiceCollectionExtensions
{
    /// <summary>The kind's name in configuration: <c>Weft:Storage:&lt;name&gt;:Provider=Sqlite</c>.</summary>
    public const string KindName = "Sqlite";

    /// <summary>Registers a SQLite provider under <paramref name="name"/>.</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddGrainStorage(name, sp =>
        {
            var options = new SqliteGrainStorageOptions();
            configure(options);
            return new SqliteGrainStorage(name, options, sp.GetService<ILogger<SqliteGrainStorage>>());
        });
    }

    /// <summary>
    /// Makes the "Sqlite" kind available to configuration. It reads <c>ConnectionString</c> (required: a configured
    /// store never falls back to a file nobody named) and <c>Table</c> from <c>Weft:Storage:&lt;name&gt;</c>.
    /// </summary>
    public static IServiceCollection AddSqliteStorageKind(this IServiceCollection services) =>
        services.AddGrainStorageKind(new GrainStorageKind(KindName, static (sp, name, section) =>
            new SqliteGrainStorage(name, ReadOptions(name, section), sp.GetService<ILogger<SqliteGrainStorage>>())));

    private static SqliteGrainStorageOptions ReadOptions(string name, IConfigurationSection section)
    {
        var options = new SqliteGrainStorageOptions();
        options.ConnectionString = section[nameof(options.ConnectionString)] is { Length: > 0 } cs
            ? cs
            : throw new GrainStorageException(
                $"Storage provider '{name}' is a Sqlite store without a database file: set Weft:Storage:{name}:ConnectionString " +
                "(for example \"Data Source=data/weft.db\").");
        options.Table = section[nameof(options.Table)] is { Length: > 0 } table ? table : options.Table;
        return options;
    }
}
