namespace Weft.Runtime.Streams;

/// <summary>How a stream queue finds the outbox projection of an append's namespace: at most one per namespace.</summary>
public static class OutboxProjectionLookup
{
    /// <summary>The projections by the namespace each projects.</summary>
    /// <exception cref="ArgumentException">Two projections name one namespace.</exception>
    public static Dictionary<string, TProjection> ByNamespace<TProjection>(IEnumerable<TProjection> projections, Func<TProjection, string> streamNamespace)
        where TProjection : class
    {
        ArgumentNullException.ThrowIfNull(projections);
        ArgumentNullException.ThrowIfNull(streamNamespace);
        var byNamespace = new Dictionary<string, TProjection>(StringComparer.Ordinal);
        foreach (var projection in projections)
        {
            var name = streamNamespace(projection);
            if (!byNamespace.TryAdd(name, projection))
            {
                throw new ArgumentException(
                    $"Two outbox projections ({byNamespace[name].GetType().Name} and {projection.GetType().Name}) write for stream namespace " +
                    $"'{name}'; register one.", nameof(projections));
            }
        }

        return byNamespace;
    }
}
