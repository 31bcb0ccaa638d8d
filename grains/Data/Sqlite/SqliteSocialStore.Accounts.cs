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
        var command = session.Prepared(
            "INSERT INTO accounts (id, username, search_name) VALUES ($id, $username, $name) " +
            "ON CONFLICT (id) DO UPDATE SET search_name = excluded.search_name WHERE search_name <> excluded.search_name");
        command.Parameters.Add("$id", SqliteType.Integer).Value = accountId;
        command.Parameters.Add("$username", SqliteType.Text).Value = username;
        command.Parameters.Add("$name", SqliteType.Text).Value = SearchableName.Of(displayName);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite compares text by bytes (BINARY), so a username prefix is one index range; display names are matched by a
    /// scan of the directory, as on PostgreSQL.
    /// </remarks>
    public async Task<IReadOnlyList<long>> SearchAccountsAsync(AccountSearch search, long? followedBy, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.IsEmpty || limit <= 0)
        {
            return [];
        }

        var byUsername = search.UsernamePrefix is null ? "0" : "(a.username >= $prefix AND a.username < $prefix || char(1114111))";
        var byName = search.NameWords.IsEmpty
            ? "0"
            : string.Join(" AND ", search.NameWords.Select((_, i) => $"instr(a.search_name, $word{i}) > 0"));

        // Found by username first: the exact match, then shorter names; then by display name.
        var orderBy = search.UsernamePrefix is null
            ? "a.username"
            : $"{byUsername} DESC, CASE WHEN {byUsername} THEN length(a.username) ELSE 0 END, a.username";
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            $"SELECT a.id FROM accounts a WHERE ({byUsername} OR ({byName})) " +
            "AND ($followedBy = 0 OR EXISTS (SELECT 1 FROM follows f WHERE f.followee_id = a.id AND f.follower_id = $followedBy)) " +
            $"ORDER BY {orderBy} LIMIT $limit OFFSET $offset");
        command.Parameters.Add("$prefix", SqliteType.Text).Value = search.UsernamePrefix ?? "";
        command.Parameters.Add("$followedBy", SqliteType.Integer).Value = followedBy ?? 0;
        command.Parameters.Add("$offset", SqliteType.Integer).Value = Math.Max(0, offset);
        command.Parameters.Add("$limit", SqliteType.Integer).Value = limit;
        for (var i = 0; i < search.NameWords.Length; i++)
        {
            command.Parameters.Add($"$word{i}", SqliteType.Text).Value = " " + search.NameWords[i];
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
