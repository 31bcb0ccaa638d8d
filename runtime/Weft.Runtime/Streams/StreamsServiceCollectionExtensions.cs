using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Runtime.Configuration;
using Weft.Runtime.Serialization;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>Adds durable streams to a silo.</summary>
public static class StreamsServiceCollectionExtensions
{
    /// <summary>The configuration section that names stream providers: <c>Weft:Streams:&lt;name&gt;</c>.</summary>
    public const string StreamsSection = "Weft:Streams";

    /// <summary>
    /// Adds stream support: providers named under <c>Weft:Streams</c> (each with <c>Provider</c> = PostgreSql, Sqlite or
    /// Memory, its <c>ConnectionString</c>, <c>PartitionCount</c>, and the delivery settings of
    /// <see cref="StreamProviderOptions"/>), and the pulling agents that deliver their events. Call after AddWeftSilo.
    /// </summary>
    public static IServiceCollection AddWeftStreams(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddSingleton<StreamConsumerRegistry>();
        services.AddSingleton(sp => new ConfiguredProviders<IStreamQueue>(
            configuration ?? sp.GetRequiredService<IConfiguration>(), StreamsSection, "PostgreSql, Sqlite or Memory"));
        services.AddKeyedSingleton<IStreamProvider>(KeyedService.AnyKey, (sp, key) =>
        {
            var name = (string)key!;
            var configured = sp.GetRequiredService<ConfiguredProviders<IStreamQueue>>();
            var queue = configured.Create(sp, name, sp.GetServices<StreamQueueKind>().Select(k => (k.Name, k.Create)));
            var options = new StreamProviderOptions();
            sp.GetRequiredService<IConfiguration>().GetSection($"{StreamsSection}:{name}").Bind(options);
            return new StreamProvider(name, queue, options, sp.GetRequiredService<JsonGrainCodec>());
        });
        services.AddHostedService<StreamAgentsService>();
        return services;
    }

    /// <summary>Registers a stream provider in code, over the given queue.</summary>
    public static IServiceCollection AddStreamProvider(
        this IServiceCollection services, string name, Func<IServiceProvider, IStreamQueue> createQueue, Action<StreamProviderOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<IStreamProvider>(name, (sp, _) =>
        {
            var options = new StreamProviderOptions();
            configure?.Invoke(options);
            return new StreamProvider(name, createQueue(sp), options, sp.GetRequiredService<JsonGrainCodec>());
        });
        services.AddSingleton(new StreamProviderRegistration(name));
        return services;
    }

    /// <summary>Makes a kind of stream queue available to configuration.</summary>
    public static IServiceCollection AddStreamQueueKind(this IServiceCollection services, StreamQueueKind kind)
        => services.AddSingleton(kind);

    /// <summary>Returns a stream provider by name, or throws naming the setting to add.</summary>
    public static IStreamProvider GetStreamProvider(this IServiceProvider services, string name)
        => services.GetKeyedService<IStreamProvider>(name)
            ?? throw new InvalidOperationException(
                $"No stream provider named '{name}' is configured: set {StreamsSection}:{name}:Provider (PostgreSql, Sqlite or Memory) " +
                "and its ConnectionString, and call AddWeftStreams.");
}

/// <summary>Records that a stream provider was registered in code, so the agents pull it.</summary>
public sealed record StreamProviderRegistration(string Name);
