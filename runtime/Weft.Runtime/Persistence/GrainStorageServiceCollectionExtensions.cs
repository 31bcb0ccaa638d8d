using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Persistence;
using Weft.Runtime.Configuration;

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
    /// Creates providers from configuration: each child of <c>Weft:Storage</c> names its kind in <c>Provider</c>
    /// (for example <c>Weft:Storage:Default:Provider=PostgreSql</c> with <c>Weft:Storage:Default:ConnectionString</c>).
    /// Names, kinds and settings are all read when the provider is first needed, from <paramref name="configuration"/>
    /// or else the host's <see cref="IConfiguration"/>, so configuration added after this call is seen whole.
    /// </summary>
    public static IServiceCollection AddGrainStorageFromConfiguration(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddSingleton(sp => new ConfiguredProviders<IGrainStorage>(
            configuration ?? sp.GetRequiredService<IConfiguration>(), StorageSection, "PostgreSql, Sqlite or Memory"));
        services.AddKeyedSingleton<IGrainStorage>(
            KeyedService.AnyKey,
            (sp, key) => sp.GetRequiredService<ConfiguredProviders<IGrainStorage>>().Create(
                sp, (string)key!, sp.GetServices<GrainStorageKind>().Select(k => (k.Name, k.Create))));
        return services;
    }
}

/// <summary>Records that a storage provider name is registered, so the silo can list and initialize them.</summary>
public sealed record GrainStorageRegistration(string Name);
