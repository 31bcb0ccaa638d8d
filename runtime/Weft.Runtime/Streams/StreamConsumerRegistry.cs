using System.Reflection;
using Weft.Runtime.Metadata;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// Which grain classes consume which event types, and which namespaces they subscribe to implicitly; read from the
/// grain classes once at start-up.
/// </summary>
internal sealed class StreamConsumerRegistry
{
    private readonly Dictionary<string, Dictionary<string, StreamConsumerInvoker>> _invokersByGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _implicitGrainTypesByNamespace = new(StringComparer.Ordinal);

    public StreamConsumerRegistry(GrainManifest manifest)
    {
        foreach (var grainClass in manifest.Classes)
        {
            var invokers = new Dictionary<string, StreamConsumerInvoker>(StringComparer.Ordinal);
            foreach (var contract in grainClass.ClassType.GetInterfaces())
            {
                if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IStreamConsumer<>))
                {
                    var eventType = contract.GetGenericArguments()[0];
                    invokers[eventType.FullName ?? eventType.Name] = StreamConsumerInvoker.Create(eventType);
                }
            }

            if (invokers.Count > 0)
            {
                _invokersByGrainType[grainClass.GrainType] = invokers;
            }

            foreach (var subscription in grainClass.ClassType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>())
            {
                StreamNamespace.Validate(subscription.Namespace);
                if (invokers.Count == 0)
                {
                    throw new InvalidOperationException(
                        $"Grain class {grainClass.ClassType.Name} subscribes implicitly to '{subscription.Namespace}' but implements no IStreamConsumer<T>.");
                }

                if (!_implicitGrainTypesByNamespace.TryGetValue(subscription.Namespace, out var grainTypes))
                {
                    _implicitGrainTypesByNamespace[subscription.Namespace] = grainTypes = [];
                }

                grainTypes.Add(grainClass.GrainType);
            }
        }
    }

    /// <summary>The grain types subscribed implicitly to a namespace.</summary>
    public IReadOnlyList<string> ImplicitSubscribers(string streamNamespace)
        => _implicitGrainTypesByNamespace.TryGetValue(streamNamespace, out var grainTypes) ? grainTypes : [];

    /// <summary>The invoker a grain type uses for an event type, or null with the reason.</summary>
    public StreamConsumerInvoker? Find(string grainType, string eventType, out string? problem)
    {
        problem = null;
        if (!_invokersByGrainType.TryGetValue(grainType, out var invokers))
        {
            problem = $"grain type '{grainType}' implements no IStreamConsumer<T>";
            return null;
        }

        if (invokers.TryGetValue(eventType, out var invoker))
        {
            return invoker;
        }

        problem = $"grain type '{grainType}' has no IStreamConsumer<{eventType}>";
        return null;
    }
}
