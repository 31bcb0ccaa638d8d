using Npgsql;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    /// <inheritdoc />
    public async Task AddAccountAsync(long accountId, string username, string displayName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(displayName);
        await ExecuteAsync(
            "INSERT INTO weft.accounts (id, username, search_name) VALUES ($1, $2, $3) " +
            "ON CONFLICT (id) DO UPDATE SET search_name = excluded.search_name WHERE accounts.search_name <> excluded.search_name",
            cancellationToken, Long(accountId), Text(username), Text(SearchableName.Of(displayName))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The username column sorts by bytes (COLLATE "C"), so a prefix is one index range; display names are matched by a
    /// scan of the directory (a word starts with w where the searchable name holds " " + w), which a trigram index would
    /// spare once directories grow large.
    /// </remarks>
    public async Task<IReadOnlyList<long>> SearchAccountsAsync(AccountSearch search, long? followedBy, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.IsEmpty || limit <= 0)
        {
            return [];
        }

        // $1 username prefix, $2 offset, $3 limit, $4 follower (0: anyone), $5… the name's words, each after a space.
        var byUsername = search.UsernamePrefix is null ? "false" : "(a.username >= $1 AND a.username < $1 || chr(1114111))";
        var byName = search.NameWords.IsEmpty
            ? "false"
            : string.Join(" AND ", search.NameWords.Select((_, i) => $"strpos(a.search_name, ${i + 5}) > 0"));

        // Found by username first: the exact match, then shorter names; then by display name.
        var orderBy = search.UsernamePrefix is null
            ? "a.username"
            : $"{byUsername} DESC, CASE WHEN {byUsername} THEN length(a.username) ELSE 0 END, a.username";
        return await ReadIdsAsync(
            $"SELECT a.id FROM weft.accounts a WHERE ({byUsername} OR ({byName})) " +
            "AND ($4 = 0 OR EXISTS (SELECT 1 FROM weft.follows f WHERE f.followee_id = a.id AND f.follower_id = $4)) " +
            $"ORDER BY {orderBy} LIMIT $3 OFFSET $2",
            cancellationToken,
            [
                Text(search.UsernamePrefix ?? ""),
                Int(Math.Max(0, offset)),
                Int(limit),
                Long(followedBy ?? 0),
                .. search.NameWords.Select(word => Text(" " + word)),
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
