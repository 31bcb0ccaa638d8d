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

    /// <summary>Fills the unset Default storage and stream settings from <see cref="Section"/>.</summary>
    public static void Apply(IConfigurationManager configuration)
    {
        var provider = configuration[$"{Section}:Provider"];
        if (string.IsNullOrEmpty(provider))
        {
            return;
        }

        var connectionString = configuration[$"{Section}:ConnectionString"];
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
