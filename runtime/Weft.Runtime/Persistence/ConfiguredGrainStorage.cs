using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Persistence;

namespace Weft.Runtime.Persistence;

/// <summary>The storage providers named under <c>Weft:Storage</c>, created by the kind each one names.</summary>
internal sealed class ConfiguredGrainStorage(IConfiguration configuration)
{
    private const string Section = GrainStorageServiceCollectionExtensions.StorageSection;

    public IEnumerable<string> Names => configuration.GetSection(Section).GetChildren().Select(c => c.Key);

    public IGrainStorage Create(IServiceProvider services, string name)
    {
        var section = configuration.GetSection($"{Section}:{name}");
        if (!section.Exists())
        {
            throw new InvalidOperationException(
                $"No storage provider named '{name}' is configured: set {Section}:{name}:Provider (PostgreSql, Sqlite or Memory) " +
                $"and its ConnectionString. Configured providers: {Describe(Names)}.");
        }

        var kindName = section["Provider"];
        if (string.IsNullOrWhiteSpace(kindName))
        {
            throw new InvalidOperationException(
                $"Storage provider '{name}' has no kind: set {Section}:{name}:Provider (PostgreSql, Sqlite or Memory).");
        }

        var kinds = services.GetServices<GrainStorageKind>().ToList();
        var kind = kinds.FirstOrDefault(k => string.Equals(k.Name, kindName, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Storage provider '{name}' names kind '{kindName}' in {Section}:{name}:Provider, which is not available; " +
                $"available kinds: {Describe(kinds.Select(k => k.Name))}.");
        return kind.Create(services, name, section);
    }

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
