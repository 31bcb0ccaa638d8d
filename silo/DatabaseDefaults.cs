namespace Weft.Silo;

/// <summary>
/// One setting for the common case: <c>Weft:Database:Provider</c> and <c>Weft:Database:ConnectionString</c> become the
/// <c>Default</c> grain storage and the <c>Default</c> stream provider (and so the social store, which lives in the
/// Default storage's database) wherever those are not configured themselves.
/// </summary>
public static class DatabaseDefaults
{
    /// <summary>The section naming the one database.</summary>
    public const string Section = "Weft:Database";

    private static readonly string[] s_sections = ["Weft:Storage:Default", "Weft:Streams:Default"];

    /// <summary>
    /// Fills the unset Default storage and stream settings from <see cref="Section"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is PostgreSQL without a PostgreSQL connection string.</exception>
    public static void Apply(IConfigurationManager configuration)
    {
        var provider = configuration[$"{Section}:Provider"];
        if (string.IsNullOrEmpty(provider))
        {
            return;
        }

        var connectionString = configuration[$"{Section}:ConnectionString"];

        // Switching the provider alone leaves the shipped SQLite file as the connection string, which PostgreSQL's
        // driver rejects in words about "data source" that name neither setting.
        if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrWhiteSpace(connectionString) || connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                $"{Section}:Provider is PostgreSql, but {Section}:ConnectionString is " +
                (string.IsNullOrWhiteSpace(connectionString) ? "not set" : $"'{connectionString}', a SQLite file (the shipped default)") +
                $". Set {Section}:ConnectionString to a PostgreSQL connection string, such as " +
                "Host=localhost;Database=weft;Username=weft;Password=secret (environment: Weft__Database__ConnectionString).");
        }

        var defaults = new Dictionary<string, string?>();
        foreach (var section in s_sections)
        {
            if (string.IsNullOrEmpty(configuration[$"{section}:Provider"]))
            {
                defaults[$"{section}:Provider"] = provider;
                defaults[$"{section}:ConnectionString"] = connectionString;
            }
        }

        if (defaults.Count > 0)
        {
            configuration.AddInMemoryCollection(defaults);
        }
    }
}
