using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Persistence;

namespace Weft.Runtime.Persistence;

/// <summary>Registers named grain storage providers.</summary>
public static class GrainStorageServiceCollectionExtensions
{
    /// <summary>The configuration section that names storage providers: <c>Weft:Storage:&lt;name&gt;</c>.</summary>
    public const string StorageSection = "Weft:Storage";

    /// <summary>Registers a provider instance under a name.</summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton(name, (sp, _) => create(sp));
        services.AddSingleton(new GrainStorageRegistration(name));
        return services;
    }

    /// <summary>Makes a kind of provider available to <see cref="AddGrainStorageFromConfiguration"/>.</summary>
    public static IServiceCollection AddGrainStorageKind(this IServiceCollection services, GrainStorageKind kind)
    {
        services.AddSingleton(kind);
        return services;
    }

    /// <summary>
    /// Registers one provider per child of <c>Weft:Storage</c>; each child names its kind in <c>Provider</c>
    /// (for example <c>Weft:Storage:Default:Provider=PostgreSql</c> with <c>Weft:Storage:Default:ConnectionString</c>).
    /// </summary>
    public static IServiceCollection AddGrainStorageFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection(StorageSection).GetChildren())
        {
            var name = section.Key;
            var kindName = section["Provider"];
            services.AddGrainStorage(name, sp =>
            {
                if (string.IsNullOrWhiteSpace(kindName))
                {
                    throw new InvalidOperationException(
                        $"Storage provider '{name}' has no kind: set {StorageSection}:{name}:Provider (PostgreSql, Sqlite or Memory).");
                }

                var kinds = sp.GetServices<GrainStorageKind>().ToList();
                var kind = kinds.FirstOrDefault(k => string.Equals(k.Name, kindName, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException(
                        $"Storage provider '{name}' names kind '{kindName}' in {StorageSection}:{name}:Provider, which is not available; " +
                        $"available kinds: {string.Join(", ", kinds.Select(k => k.Name))}.");
                return kind.Create(sp, name, section);
            });
        }

        return services;
    }
}

/// <summary>Records that a storage provider name is registered, so the silo can list and initialize them.</summary>
public sealed record GrainStorageRegistration(string Name);
