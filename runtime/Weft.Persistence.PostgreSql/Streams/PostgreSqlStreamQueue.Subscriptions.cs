using Npgsql;
using NpgsqlTypes;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <remarks>
/// A subscription is one row keyed by (stream, subscriber grain): following or unfollowing touches one row, never a
/// list of all subscribers, and the subscribers of many streams come back in one query.
/// </remarks>
public sealed partial class PostgreSqlStreamQueue
{
    private readonly string _subscribeSql;
    private readonly string _unsubscribeSql;
    private readonly string _subscribersSql;

    /// <inheritdoc />
    public Task SubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken) =>
        ChangeSubscriptionAsync(_subscribeSql, "subscribe", streamId, subscriber, cancellationToken);

    /// <inheritdoc />
    public Task UnsubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken) =>
        ChangeSubscriptionAsync(_unsubscribeSql, "unsubscribe", streamId, subscriber, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>>> GetSubscribersAsync(
        IReadOnlyCollection<StreamId> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        var streams = streamIds.Distinct().ToArray();
        var result = new Dictionary<StreamId, IReadOnlyList<GrainId>>();
        if (streams.Length == 0)
        {
            return result;
        }

        var namespaces = new string[streams.Length];
        var keys = new byte[streams.Length][];
        for (var i = 0; i < streams.Length; i++)
        {
            (namespaces[i], keys[i]) = EncodeStream(streams[i]);
        }

        try
        {
            await using var command = _dataSource.CreateCommand(_subscribersSql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = namespaces, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Rows name their stream by its position in the request, so stream keys are not decoded again.
                var stream = streams[(int)reader.GetInt64(0) - 1];
                if (!result.TryGetValue(stream, out var list))
                {
                    result[stream] = list = new List<GrainId>();
                }

                ((List<GrainId>)list).Add(new GrainId(reader.GetString(1), DecodeKey(reader.GetFieldValue<byte[]>(2))));
            }

            return result;
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"read the subscribers of {streams.Length} stream(s)");
        }
    }

    private async Task ChangeSubscriptionAsync(string sql, string operation, StreamId streamId, GrainId subscriber, CancellationToken cancellationToken)
    {
        var (namespaceText, keyBytes) = EncodeStream(streamId);
        var grainKey = EncodeKey(subscriber.Key, nameof(subscriber));
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter<string> { TypedValue = namespaceText, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = keyBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriber.GrainType, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = grainKey, NpgsqlDbType = NpgsqlDbType.Bytea });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"{operation} {subscriber} to stream {streamId}");
        }
    }
}
