namespace Weft.Runtime.Streams;

/// <summary>
/// An inline projection of one stream namespace's events: rows a queue writes in the transaction that appends them, so
/// whatever reads those rows sees an event's effects as soon as its append is acknowledged, and never sees rows of an
/// event that was not stored. Each queue kind derives its own, with the statements it runs
/// (PostgreSqlOutboxProjection, SqliteOutboxProjection).
/// </summary>
public abstract class OutboxProjection
{
    /// <param name="streamNamespace">The namespace whose events are projected.</param>
    protected OutboxProjection(string streamNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamNamespace);
        StreamNamespace = streamNamespace;
    }

    /// <summary>The namespace whose events are projected.</summary>
    public string StreamNamespace { get; }

    /// <summary>The projections by the namespace each projects: what a queue looks an append's projection up in.</summary>
    /// <exception cref="ArgumentException">Two projections name one namespace.</exception>
    public static Dictionary<string, TProjection> ByNamespace<TProjection>(IEnumerable<TProjection> projections)
        where TProjection : OutboxProjection
    {
        ArgumentNullException.ThrowIfNull(projections);
        var byNamespace = new Dictionary<string, TProjection>(StringComparer.Ordinal);
        foreach (var projection in projections)
        {
            if (!byNamespace.TryAdd(projection.StreamNamespace, projection))
            {
                throw new ArgumentException(
                    $"Two outbox projections ({byNamespace[projection.StreamNamespace].GetType().Name} and {projection.GetType().Name}) write for " +
                    $"stream namespace '{projection.StreamNamespace}'; register one.", nameof(projections));
            }
        }

        return byNamespace;
    }
}
