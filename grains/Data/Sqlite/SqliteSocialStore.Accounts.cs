using Microsoft.Data.Sqlite;

namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    /// <inheritdoc />
    public async Task AddAccountAsync(long accountId, string username, string displayName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(displayName);
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();

        // The account, and its name's words replacing the ones it had, in one transaction.
        var listed = session.Prepared("INSERT INTO accounts (id, username) VALUES ($id, $username) ON CONFLICT DO NOTHING", transaction);
        listed.Parameters.Add("$id", SqliteType.Integer).Value = accountId;
        listed.Parameters.Add("$username", SqliteType.Text).Value = username;
        await listed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var words = JsonArray([.. DisplayNameWords.Of(displayName).Distinct()]);
        foreach (var sql in s_renameWords)
        {
            var command = session.Prepared(sql, transaction);
            command.Parameters.Add("$id", SqliteType.Integer).Value = accountId;
            command.Parameters.Add("$words", SqliteType.Text).Value = words;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The name's words: the ones it no longer has go, the new ones come.
    private static readonly string[] s_renameWords =
    [
        "DELETE FROM account_name_words WHERE account_id = $id AND word NOT IN (SELECT value FROM json_each($words))",
        "INSERT INTO account_name_words (word, account_id) SELECT value, $id FROM json_each($words) WHERE true ON CONFLICT DO NOTHING",
    ];

    /// <inheritdoc />
    /// <remarks>
    /// SQLite compares text by bytes (BINARY), so a username prefix and a name word's prefix are one index range each, as
    /// on PostgreSQL.
    /// </remarks>
    public async Task<IReadOnlyList<long>> SearchAccountsAsync(AccountSearch search, long? followedBy, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.IsEmpty || limit <= 0)
        {
            return [];
        }

        const string ByUsername = "a.username >= $prefix AND a.username < $prefix || char(1114111)";
        var branches = new List<string>(2);
        if (search.UsernamePrefix is not null)
        {
            branches.Add($"SELECT a.id, 0 AS branch, length(a.username) AS length, a.username FROM accounts a WHERE {ByUsername}");
        }

        if (!search.NameWords.IsEmpty)
        {
            var inEveryRange = string.Join(
                " AND ",
                search.NameWords.Select((_, i) =>
                    $"a.id IN (SELECT w.account_id FROM account_name_words w WHERE w.word >= $word{i} AND w.word < $word{i} || char(1114111))"));
            var notByUsername = search.UsernamePrefix is null ? "" : $" AND NOT ({ByUsername})";
            branches.Add($"SELECT a.id, 1 AS branch, 0 AS length, a.username FROM accounts a WHERE {inEveryRange}{notByUsername}");
        }

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            $"SELECT found.id FROM ({string.Join(" UNION ALL ", branches)}) found " +
            "WHERE $followedBy = 0 OR EXISTS (SELECT 1 FROM follows f WHERE f.followee_id = found.id AND f.follower_id = $followedBy) " +
            "ORDER BY found.branch, found.length, found.username LIMIT $limit OFFSET $offset");
        command.Parameters.Add("$prefix", SqliteType.Text).Value = search.UsernamePrefix ?? "";
        command.Parameters.Add("$followedBy", SqliteType.Integer).Value = followedBy ?? 0;
        command.Parameters.Add("$offset", SqliteType.Integer).Value = Math.Max(0, offset);
        command.Parameters.Add("$limit", SqliteType.Integer).Value = limit;
        for (var i = 0; i < search.NameWords.Length; i++)
        {
            command.Parameters.Add($"$word{i}", SqliteType.Text).Value = search.NameWords[i];
        }

        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A loose index scan, as on PostgreSQL: one probe of the (tag, status_id) key per distinct tag.</remarks>
    public async Task<IReadOnlyList<string>> SearchTagsAsync(string tagPrefix, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tagPrefix);
        if (tagPrefix.Length == 0 || limit <= 0)
        {
            return [];
        }

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            """
            WITH RECURSIVE found(tag) AS (
                SELECT (SELECT tag FROM status_tags WHERE tag >= $prefix AND tag < $prefix || char(1114111) ORDER BY tag LIMIT 1)
                UNION ALL
                SELECT (SELECT t.tag FROM status_tags t WHERE t.tag > found.tag AND t.tag < $prefix || char(1114111) ORDER BY t.tag LIMIT 1)
                  FROM found WHERE found.tag IS NOT NULL)
            SELECT tag FROM found WHERE tag IS NOT NULL LIMIT $limit OFFSET $offset
            """);
        command.Parameters.Add("$prefix", SqliteType.Text).Value = tagPrefix;
        command.Parameters.Add("$offset", SqliteType.Integer).Value = Math.Max(0, offset);
        command.Parameters.Add("$limit", SqliteType.Integer).Value = limit;
        var tags = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags.Add(reader.GetString(0));
        }

        return tags;
    }

    /// <inheritdoc />
    public async Task<InstanceCounts> CountInstanceAsync(long activeSinceId, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM statuses), " +
            "(SELECT count(DISTINCT account_id) FROM statuses WHERE id > $since)");
        command.Parameters.Add("$since", SqliteType.Integer).Value = activeSinceId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new InstanceCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
