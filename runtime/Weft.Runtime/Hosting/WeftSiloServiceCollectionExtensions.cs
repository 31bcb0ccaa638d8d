using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Weft.Runtime.Catalog;
using Weft.Runtime.Invocation;
using Weft.Runtime.Metadata;
using Weft.Runtime.Persistence;
using Weft.Runtime.Serialization;
using Weft.Runtime.Streams;

namespace Weft.Runtime.Hosting;

/// <summary>Adds a Weft silo to a host.</summary>
public static class WeftSiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo: the grain catalog, the grain factory (<see cref="IGrainFactory"/>), the codec and the hosted service
    /// that starts and stops it. Options bind from <c>Weft:Silo</c>; storage providers are added separately
    /// (<see cref="GrainStorageServiceCollectionExtensions"/>).
    /// </summary>
    public static IServiceCollection AddWeftSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        var options = services.AddOptions<SiloOptions>();
        options.Configure<IConfiguration>((o, configuration) => configuration.GetSection(SiloOptions.Section).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(SiloOptionsValidation.IsValid, SiloOptionsValidation.Message).ValidateOnStart();

        services.AddOptions<GrainCodecOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(sp => new GrainManifest(GrainManifest.DiscoverProviders(sp.GetRequiredService<IOptions<SiloOptions>>().Value.GrainAssemblies)));
        services.AddSingleton<JsonGrainCodec>();
        services.AddSingleton(sp => new StreamEventDecoder(sp.GetRequiredService<JsonGrainCodec>()));
        services.AddSingleton<GrainStorageResolver>();
        services.AddSingleton<GrainCatalog>();
        services.AddSingleton<IdleCollector>();
        services.AddSingleton<LocalGrainCallInvoker>();
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.AddHostedService<SiloLifecycleService>();
        return services;
    }
}
