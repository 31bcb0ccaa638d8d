using Npgsql;
using NpgsqlTypes;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    /// <inheritdoc />
    public async Task AddAccountAsync(long accountId, string username, string displayName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(displayName);

        // One statement, one transaction: the account, and its name's words replacing the ones it had.
        await ExecuteAsync(
            """
            WITH listed AS (
                INSERT INTO weft.accounts (id, username) VALUES ($1, $2) ON CONFLICT DO NOTHING),
            unworded AS (
                DELETE FROM weft.account_name_words WHERE account_id = $1 AND word <> ALL ($3))
            INSERT INTO weft.account_name_words (word, account_id) SELECT DISTINCT unnest($3), $1 ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            Long(accountId),
            Text(username),
            new NpgsqlParameter<string[]> { TypedValue = [.. DisplayNameWords.Of(displayName).Distinct()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text })
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The username column and the name's words sort by bytes (COLLATE "C"), so a prefix is one index range of each: the
    /// accounts found by their name are those in the ranges of every query word.
    /// </remarks>
    public async Task<IReadOnlyList<long>> SearchAccountsAsync(AccountSearch search, long? followedBy, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.IsEmpty || limit <= 0)
        {
            return [];
        }

        // $1 username prefix, $2 offset, $3 limit, $4 follower (0: anyone), $5… the name's words.
        const string ByUsername = "a.username >= $1 AND a.username < $1 || chr(1114111)";
        var branches = new List<string>(2);
        if (search.UsernamePrefix is not null)
        {
            branches.Add($"SELECT a.id, 0 AS branch, length(a.username) AS length, a.username FROM weft.accounts a WHERE {ByUsername}");
        }

        if (!search.NameWords.IsEmpty)
        {
            var inEveryRange = string.Join(
                " AND ",
                search.NameWords.Select((_, i) =>
                    $"a.id IN (SELECT w.account_id FROM weft.account_name_words w WHERE w.word >= ${i + 5} AND w.word < ${i + 5} || chr(1114111))"));
            var notByUsername = search.UsernamePrefix is null ? "" : $" AND NOT ({ByUsername})";
            branches.Add($"SELECT a.id, 1 AS branch, 0 AS length, a.username FROM weft.accounts a WHERE {inEveryRange}{notByUsername}");
        }

        return await ReadIdsAsync(
            $"SELECT found.id FROM ({string.Join(" UNION ALL ", branches)}) found " +
            "WHERE $4 = 0 OR EXISTS (SELECT 1 FROM weft.follows f WHERE f.followee_id = found.id AND f.follower_id = $4) " +
            "ORDER BY found.branch, found.length, found.username LIMIT $3 OFFSET $2",
            cancellationToken,
            [
                Text(search.UsernamePrefix ?? ""),
                Int(Math.Max(0, offset)),
                Int(limit),
                Long(followedBy ?? 0),
                .. search.NameWords.Select(Text),
            ]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A loose index scan: one probe of the (tag, status_id) key per distinct tag, so a tag on a million statuses costs no
    /// more than one on a single status (PostgreSQL has no skip scan for DISTINCT).
    /// </remarks>
    public async Task<IReadOnlyList<string>> SearchTagsAsync(string tagPrefix, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tagPrefix);
        if (tagPrefix.Length == 0 || limit <= 0)
        {
            return [];
        }

        await using var command = await CommandAsync(
            """
            WITH RECURSIVE found(tag) AS (
                (SELECT tag FROM weft.status_tags WHERE tag >= $1 AND tag < $1 || chr(1114111) ORDER BY tag LIMIT 1)
                UNION ALL
                SELECT (SELECT t.tag FROM weft.status_tags t WHERE t.tag > found.tag AND t.tag < $1 || chr(1114111) ORDER BY t.tag LIMIT 1)
                  FROM found WHERE found.tag IS NOT NULL)
            SELECT tag FROM found WHERE tag IS NOT NULL LIMIT $3 OFFSET $2
            """,
            cancellationToken, Text(tagPrefix), Int(Math.Max(0, offset)), Int(limit)).ConfigureAwait(false);
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <inheritdoc />
    public async Task<InstanceCounts> CountInstanceAsync(long activeSinceId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT (SELECT count(*) FROM weft.accounts), (SELECT count(*) FROM weft.statuses), " +
            "(SELECT count(DISTINCT account_id) FROM weft.statuses WHERE id > $1)",
            cancellationToken, Long(activeSinceId)).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new InstanceCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
