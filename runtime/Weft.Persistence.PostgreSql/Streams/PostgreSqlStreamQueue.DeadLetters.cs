using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <remarks>Dead letters are rows in <c>stream_dead_letters</c>, numbered by an identity so operators read them oldest first.</remarks>
public sealed partial class PostgreSqlStreamQueue
{
    private readonly string _deadLetterSql;
    private readonly string _readDeadLettersSql;

    /// <inheritdoc />
    public async Task DeadLetterAsync(StreamDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var (namespaceText, keyBytes) = EncodeStream(deadLetter.StreamId);
        var grainKey = EncodeKey(deadLetter.Subscriber.Key, nameof(deadLetter));
        try
        {
            await using var command = _dataSource.CreateCommand(_deadLetterSql);
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter<string> { TypedValue = namespaceText, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = keyBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<long> { TypedValue = deadLetter.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = deadLetter.Subscriber.GrainType, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = grainKey, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = deadLetter.EventType, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = deadLetter.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<int> { TypedValue = deadLetter.Attempts, NpgsqlDbType = NpgsqlDbType.Integer });
            // An exception message may quote a key holding U+0000, which text cannot store.
            parameters.Add(new NpgsqlParameter<string> { TypedValue = deadLetter.Error.Replace('\0', '\uFFFD'), NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = deadLetter.FailedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"store a dead letter of stream {deadLetter.StreamId} for {deadLetter.Subscriber}");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamDeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        try
        {
            await using var command = _dataSource.CreateCommand(_readDeadLettersSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var deadLetters = new List<StreamDeadLetter>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deadLetters.Add(new StreamDeadLetter(
                    new StreamId(reader.GetString(0), DecodeKey(reader.GetFieldValue<byte[]>(1))),
                    reader.GetInt64(2),
                    new GrainId(reader.GetString(3), DecodeKey(reader.GetFieldValue<byte[]>(4))),
                    reader.GetString(5),
                    reader.GetFieldValue<byte[]>(6),
                    reader.GetInt32(7),
                    reader.GetString(8),
                    reader.GetFieldValue<DateTimeOffset>(9)));
            }

            return deadLetters;
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "read dead letters");
        }
    }
}
