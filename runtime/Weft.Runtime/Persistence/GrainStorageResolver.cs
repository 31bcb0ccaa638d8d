using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Weft.Persistence;
using Weft.Runtime.Configuration;

namespace Weft.Runtime.Persistence;

/// <summary>Finds storage providers by name; a missing name is an error that says which setting to add.</summary>
internal sealed class GrainStorageResolver(
    IServiceProvider services,
    IEnumerable<GrainStorageRegistration> registrations,
    ConfiguredProviders<IGrainStorage>? configured = null)
{
    private readonly ConcurrentDictionary<string, IGrainStorage> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _names = [.. registrations.Select(r => r.Name).Concat(configured?.Names ?? []).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Names => _names;

    /// <summary>The provider of that name; names are case-insensitive, as configuration keys are.</summary>
    public IGrainStorage Get(string name)
        => _providers.TryGetValue(name, out var provider) ? provider : _providers.GetOrAdd(Canonical(name), Resolve);

    private string Canonical(string name)
        => _names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private IGrainStorage Resolve(string name)
        => services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"No storage provider named '{name}' is configured: set {GrainStorageServiceCollectionExtensions.StorageSection}:{name}:Provider " +
                $"(PostgreSql, Sqlite or Memory) and its ConnectionString. Configured providers: " +
                (_names.Length == 0 ? "none." : string.Join(", ", _names) + "."));
}
