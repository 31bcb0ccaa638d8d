using Microsoft.Extensions.Configuration;

namespace Weft.Runtime.Configuration;

/// <summary>
/// Named providers declared in configuration (<c>&lt;section&gt;:&lt;name&gt;:Provider</c> = a kind, plus the kind's own
/// settings), created by the kind each one names. Everything is read when a provider is first needed, so configuration
/// added late is seen whole; every error names the setting to fix.
/// </summary>
/// <typeparam name="TProvider">Grain storage or stream queue.</typeparam>
internal sealed class ConfiguredProviders<TProvider>(IConfiguration configuration, string section, string kindsHint)
{
    public string Section => section;

    public IEnumerable<string> Names => configuration.GetSection(section).GetChildren().Select(c => c.Key);

    public TProvider Create(
        IServiceProvider services,
        string name,
        IEnumerable<(string Kind, Func<IServiceProvider, string, IConfigurationSection, TProvider> Create)> kinds)
    {
        var providerSection = configuration.GetSection($"{section}:{name}");
        if (!providerSection.Exists())
        {
            throw new InvalidOperationException(
                $"No provider named '{name}' is configured: set {section}:{name}:Provider ({kindsHint}) and its ConnectionString. " +
                $"Configured under {section}: {Describe(Names)}.");
        }

        var kindName = providerSection["Provider"];
        if (string.IsNullOrWhiteSpace(kindName))
        {
            throw new InvalidOperationException($"Provider '{name}' has no kind: set {section}:{name}:Provider ({kindsHint}).");
        }

        var available = kinds.ToList();
        var kind = available.FirstOrDefault(k => string.Equals(k.Kind, kindName, StringComparison.OrdinalIgnoreCase));
        if (kind.Create is null)
        {
            throw new InvalidOperationException(
                $"Provider '{name}' names kind '{kindName}' in {section}:{name}:Provider, which is not available; " +
                $"available kinds: {Describe(available.Select(k => k.Kind))}.");
        }

        return kind.Create(services, name, providerSection);
    }

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
