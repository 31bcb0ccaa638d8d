using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weft.Grains.Data.PostgreSql;
using Weft.Grains.Data.Sqlite;

namespace Weft.Grains.Data;

/// <summary>Registers the <see cref="ISocialStore"/> in the database of the <c>Default</c> grain storage.</summary>
public static class SocialStoreServiceCollectionExtensions
{
    /// <summary>The setting naming the engine: PostgreSql, Sqlite or Memory (case-insensitive).</summary>
    public const string ProviderSetting = "Weft:Storage:Default:Provider";

    /// <summary>The setting with the database's connection string (not needed for Memory).</summary>
    public const string ConnectionStringSetting = "Weft:Storage:Default:ConnectionString";

    /// <summary>
    /// Registers <see cref="ISocialStore"/> as a singleton read from <see cref="ProviderSetting"/> and
    /// <see cref="ConnectionStringSetting"/>: PostgreSQL or SQLite in the same database as the grain state, or, for
    /// Memory, a private in-memory SQLite database that lives as long as the process. A missing or unknown setting
    /// fails at first resolve with an <see cref="InvalidOperationException"/> naming it. The schema is created on first use.
    /// </summary>
    public static IServiceCollection AddSocialStoreFromConfiguration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISocialStore>(static sp => Create(sp.GetRequiredService<IConfiguration>()));
        return services;
    }

    private static ISocialStore Create(IConfiguration configuration)
    {
        var provider = configuration[ProviderSetting];
        if (string.Equals(provider, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteSocialStore($"Data Source=weft-social-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        }

        var isPostgreSql = string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase);
        if (!isPostgreSql && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The social store needs {ProviderSetting} to be PostgreSql, Sqlite or Memory (it keeps its tables in the Default grain " +
                $"storage's database), but it is {(string.IsNullOrWhiteSpace(provider) ? "not set" : $"'{provider}'")}.");
        }

        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The social store needs {ConnectionStringSetting} for {ProviderSetting}={provider}: the Default grain storage's database.");
        }

        try
        {
            return isPostgreSql ? new PostgreSqlSocialStore(connectionString) : new SqliteSocialStore(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"The social store cannot use {ConnectionStringSetting} ({ProviderSetting}={provider}): {ex.Message}", ex);
        }
    }
}
