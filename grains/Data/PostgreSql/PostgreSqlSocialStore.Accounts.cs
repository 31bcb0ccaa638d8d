namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    /// <inheritdoc />
    public async Task AddAccountAsync(long accountId, string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        await ExecuteAsync(
            "INSERT INTO weft.accounts (id, username) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            cancellationToken, Long(accountId), Text(username)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The username column sorts by bytes (COLLATE "C"), so a prefix is one index range.</remarks>
    public async Task<IReadOnlyList<long>> SearchAccountsAsync(string usernamePrefix, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usernamePrefix);
        if (usernamePrefix.Length == 0 || limit <= 0)
        {
            return [];
        }

        return await ReadIdsAsync(
            "SELECT id FROM weft.accounts WHERE username >= $1 AND username < $1 || chr(1114111) " +
            "ORDER BY length(username), username LIMIT $3 OFFSET $2",
            cancellationToken, Text(usernamePrefix), Int(Math.Max(0, offset)), Int(limit)).ConfigureAwait(false);
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
