using Npgsql;
using NpgsqlTypes;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Persistence.PostgreSql.Streams;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    // A status not in the index is inserted with its mentions and tags; one present gets the row's mentions and tags
    // instead of its own only if the row's version ($13) is later (an edit), so a late or repeated write changes nothing.
    // One statement: its deletes remove only rows that are not inserted again, so no insert needs to see a delete. $12
    // holds each row's outbox slot (NULL: unconditional).
    private static readonly string s_indexStatusesSql = $"""
        WITH r AS (
            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $12::int[], $13::bigint[])
                AS r(id, account_id, visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, reblog_of_account_id, slot, version)
             WHERE {PostgreSqlOutboxProjection.AppendedCondition("r.slot")}
        ), touched AS (
            INSERT INTO weft.statuses AS s (id, account_id, visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, reblog_of_account_id, version)
            SELECT id, account_id, visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, reblog_of_account_id, version FROM r
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version WHERE s.version < EXCLUDED.version
            RETURNING s.id
        ), m AS (
            SELECT m.status_id, m.account_id FROM unnest($8::bigint[], $9::bigint[]) AS m(status_id, account_id)
              JOIN touched ON touched.id = m.status_id
        ), t AS (
            SELECT t.tag, t.status_id FROM unnest($10::text[], $11::bigint[]) AS t(tag, status_id)
              JOIN touched ON touched.id = t.status_id
        ), stale_mentions AS (
            DELETE FROM weft.status_mentions x USING touched
             WHERE x.status_id = touched.id AND NOT EXISTS (SELECT 1 FROM m WHERE m.status_id = x.status_id AND m.account_id = x.account_id)
        ), stale_tags AS (
            DELETE FROM weft.status_tags x USING touched
             WHERE x.status_id = touched.id AND NOT EXISTS (SELECT 1 FROM t WHERE t.status_id = x.status_id AND t.tag = x.tag)
        ), mentions AS (
            INSERT INTO weft.status_mentions (status_id, account_id) SELECT status_id, account_id FROM m
            ON CONFLICT DO NOTHING)
        INSERT INTO weft.status_tags (tag, status_id) SELECT tag, status_id FROM t
        ON CONFLICT DO NOTHING
        """;

    private const string DeleteStatusSql = """
        WITH mentions AS (DELETE FROM weft.status_mentions WHERE status_id = $1),
             tags AS (DELETE FROM weft.status_tags WHERE status_id = $1)
        DELETE FROM weft.statuses WHERE id = $1
        """;

    private const string StatusColumns =
        "s.id, s.account_id, s.visibility, s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, s.reblog_of_account_id, " +
        "ARRAY(SELECT m.account_id FROM weft.status_mentions m WHERE m.status_id = s.id ORDER BY m.account_id)";

    // $1 account, $2 after, $3 before, $4 limit, $5 include private, $6 viewer, $7 exclude replies, $8 exclude reblogs.
    private const string AccountStatusesWhere = """
        WHERE s.account_id = $1 AND s.id > $2 AND s.id < $3
          AND (s.visibility IN (0, 1)
               OR (s.visibility = 2 AND $5)
               OR (s.visibility IN (2, 3) AND (s.account_id = $6
                   OR EXISTS (SELECT 1 FROM weft.status_mentions m WHERE m.status_id = s.id AND m.account_id = $6))))
          AND (NOT $7 OR s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)
          AND (NOT $8 OR s.reblog_of_id IS NULL)
        """;

    // $9 the tag: its key's range is a candidate list the planner may start from (a rare tag), or check per status
    // walking the account's newest (a common one); planned per tag.
    private const string AccountTaggedFilter =
        " AND s.id IN (SELECT t.status_id FROM weft.status_tags t WHERE t.tag = $9 AND t.status_id > $2 AND t.status_id < $3)";

    private const string AccountStatusesNewestSql = "SELECT s.id FROM weft.statuses s " + AccountStatusesWhere + " ORDER BY s.id DESC LIMIT $4";
    private const string AccountStatusesOldestSql = "SELECT s.id FROM weft.statuses s " + AccountStatusesWhere + " ORDER BY s.id LIMIT $4";
    private const string AccountTaggedNewestSql = "SELECT s.id FROM weft.statuses s " + AccountStatusesWhere + AccountTaggedFilter + " ORDER BY s.id DESC LIMIT $4";
    private const string AccountTaggedOldestSql = "SELECT s.id FROM weft.statuses s " + AccountStatusesWhere + AccountTaggedFilter + " ORDER BY s.id LIMIT $4";

    // Public originals, without replies to someone else (Mastodon's public feed leaves them out; a thread's own
    // continuation stays), the rule of StatusFanoutGrain.IsOnPublicStream. The literal predicate matches the partial index
    // statuses_public_timeline_idx.
    private const string PublicStatusesWhere =
        "WHERE visibility = 0 AND reblog_of_id IS NULL AND (in_reply_to_account_id IS NULL OR in_reply_to_account_id = account_id) ";

    private const string PublicStatusesNewestSql =
        "SELECT id FROM weft.statuses " + PublicStatusesWhere + "AND id > $1 AND id < $2 ORDER BY id DESC LIMIT $3";

    private const string PublicStatusesOldestSql =
        "SELECT id FROM weft.statuses " + PublicStatusesWhere + "AND id > $1 AND id < $2 ORDER BY id LIMIT $3";

    // $1 any, $2 all (distinct), $3 none, $4 after, $5 before, $6 limit. Candidates come from the (tag, status_id) key,
    // one range per tag of $1, so a rare tag costs its own rows only; all and none are key lookups per candidate. "All"
    // is a count rather than a doubly negated EXISTS, which the planner turned into a hash of the whole table.
    private const string TaggedStatusesFilters = """
          AND s.visibility = 0 AND s.reblog_of_id IS NULL
          AND (SELECT count(*) FROM weft.status_tags t WHERE t.tag = ANY($2) AND t.status_id = s.id) = cardinality($2)
          AND NOT EXISTS (SELECT 1 FROM weft.status_tags t WHERE t.tag = ANY($3) AND t.status_id = s.id)
        """;

    private const string TaggedStatusesWhere =
        "WHERE s.id IN (SELECT t.status_id FROM weft.status_tags t WHERE t.tag = ANY($1) AND t.status_id > $4 AND t.status_id < $5)" +
        TaggedStatusesFilters;

    // The same, with candidates from one tag of all[] ($7) that is rarer in the range than the any tags together: a
    // common tag next to a rare one in all[] would otherwise walk every status of the common one.
    private const string TaggedStatusesByAllTagWhere =
        "WHERE s.id IN (SELECT t.status_id FROM weft.status_tags t WHERE t.tag = $7 AND t.status_id > $4 AND t.status_id < $5)" +
        " AND EXISTS (SELECT 1 FROM weft.status_tags t WHERE t.tag = ANY($1) AND t.status_id = s.id)" +
        TaggedStatusesFilters;

    private const string TaggedStatusesNewestSql = "SELECT s.id FROM weft.statuses s " + TaggedStatusesWhere + " ORDER BY s.id DESC LIMIT $6";
    private const string TaggedStatusesOldestSql = "SELECT s.id FROM weft.statuses s " + TaggedStatusesWhere + " ORDER BY s.id LIMIT $6";
    private const string TaggedStatusesByAllTagNewestSql = "SELECT s.id FROM weft.statuses s " + TaggedStatusesByAllTagWhere + " ORDER BY s.id DESC LIMIT $6";
    private const string TaggedStatusesByAllTagOldestSql = "SELECT s.id FROM weft.statuses s " + TaggedStatusesByAllTagWhere + " ORDER BY s.id LIMIT $6";

    // How many statuses each tag of $1 has in the range ($2, $3), counted up to $4: enough to tell a rare tag from a
    // common one at the cost of a few index pages. The ORDER BY keeps it on the (tag, status_id) key; without it the
    // planner, blind to the tag, chose a sequential scan that read the whole table for a rare one.
    private const string TagCountsSql = """
        SELECT q.ord, (SELECT count(*) FROM (SELECT 1 FROM weft.status_tags t WHERE t.tag = q.tag AND t.status_id > $2 AND t.status_id < $3 ORDER BY t.status_id LIMIT $4) x)
          FROM unnest($1::text[]) WITH ORDINALITY AS q(tag, ord)
        """;

    private const int TagCountCap = 1000;

    // Each author's visible statuses in the range ($3, $5) through its (account_id, id) index, at most $4 each, then
    // $4 of those: the work is bounded by authors × limit however long their histories are.
    private static string ByAuthorsSql(string order) =>
        "SELECT " + StatusColumns + " FROM (SELECT DISTINCT unnest($1::bigint[]) AS account_id) a " +
        "CROSS JOIN LATERAL (SELECT * FROM weft.statuses t WHERE t.account_id = a.account_id AND t.id > $3 AND t.id < $5 " +
        "AND (t.visibility <> 3 OR t.account_id = $2 OR EXISTS (SELECT 1 FROM weft.status_mentions m WHERE m.status_id = t.id AND m.account_id = $2)) " +
        $"ORDER BY t.id {order} LIMIT $4) s " +
        $"ORDER BY s.id {order} LIMIT $4";

    private static readonly string s_byAuthorsNewestSql = ByAuthorsSql("DESC");
    private static readonly string s_byAuthorsOldestSql = ByAuthorsSql("ASC");

    /// <inheritdoc />
    /// <remarks>Fan-out grains index their batches at the same moments: concurrent calls share one statement.</remarks>
    public async Task UpsertStatusesAsync(IReadOnlyList<StatusRow> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Count == 0)
        {
            return;
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _statusUpserts.RunAsync(statuses, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool[]> UpsertStatusBatchAsync(IReadOnlyList<IReadOnlyList<StatusRow>> calls)
    {
        var rows = new List<(int?, StatusRow)>();
        foreach (var call in calls)
        {
            foreach (var status in call)
            {
                rows.Add((null, status));
            }
        }

        await ExecuteDerivedAsync(IndexStatusesCommand(new NpgsqlBatchCommand(), rows), CancellationToken.None).ConfigureAwait(false);
        return new bool[calls.Count];
    }

    /// <summary>
    /// Fills <paramref name="command"/> with the statement indexing <paramref name="rows"/>, each with the outbox group
    /// slot of the append it was projected from (null: written unconditionally). Of rows for one status, the latest
    /// version's goes (one statement cannot write a row twice).
    /// </summary>
    internal static NpgsqlBatchCommand IndexStatusesCommand(NpgsqlBatchCommand command, IReadOnlyList<(int? Slot, StatusRow Row)> rows)
    {
        var changes = LatestPerStatus(rows);
        var count = changes.Count;
        var ids = new long[count];
        var accounts = new long[count];
        var visibilities = new short[count];
        var replyTo = new long?[count];
        var replyToAccounts = new long?[count];
        var reblogOf = new long?[count];
        var reblogOfAccounts = new long?[count];
        var slots = new int?[count];
        var versions = new long[count];
        var mentionStatuses = new List<long>();
        var mentionAccounts = new List<long>();
        var tagNames = new List<string>();
        var tagStatuses = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var (slot, status) = changes[i];
            ids[i] = status.Id;
            accounts[i] = status.AccountId;
            visibilities[i] = (short)status.Visibility;
            replyTo[i] = status.InReplyToId;
            replyToAccounts[i] = status.InReplyToAccountId;
            reblogOf[i] = status.ReblogOfId;
            reblogOfAccounts[i] = status.ReblogOfAccountId;
            slots[i] = slot;
            versions[i] = status.Version;
            if (status.MentionedAccountIds is { } mentioned)
            {
                foreach (var accountId in mentioned)
                {
                    mentionStatuses.Add(status.Id);
                    mentionAccounts.Add(accountId);
                }
            }

            // Mastodon's tag timelines list originals only.
            if (status.Tags is { } tags && status.ReblogOfId is null)
            {
                foreach (var tag in tags)
                {
                    tagNames.Add(tag);
                    tagStatuses.Add(status.Id);
                }
            }
        }

        command.CommandText = s_indexStatusesSql;
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = accounts });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = visibilities });
        command.Parameters.Add(NullableLongs(replyTo));
        command.Parameters.Add(NullableLongs(replyToAccounts));
        command.Parameters.Add(NullableLongs(reblogOf));
        command.Parameters.Add(NullableLongs(reblogOfAccounts));
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. mentionStatuses] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. mentionAccounts] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tagNames] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. tagStatuses] });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = slots, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
        return command;
    }

    private static IReadOnlyList<(int? Slot, StatusRow Row)> LatestPerStatus(IReadOnlyList<(int? Slot, StatusRow Row)> rows)
    {
        var seen = new HashSet<long>();
        if (rows.All(row => seen.Add(row.Row.Id)))
        {
            return rows;
        }

        return [.. rows.GroupBy(row => row.Row.Id).Select(group => group.MaxBy(row => row.Row.Version))];
    }

    /// <inheritdoc />
    public async Task<bool> DeleteStatusAsync(long statusId, CancellationToken cancellationToken) =>
        await ExecuteAsync(DeleteStatusSql, cancellationToken, Long(statusId)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListAccountStatusesAsync(
        long accountId, StatusListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty || filter.OnlyMedia)
        {
            return [];
        }

        NpgsqlParameter[] parameters =
        [
            Long(accountId), Long(bounds.After), Long(bounds.Before), Int(bounds.Limit),
            Bool(filter.IncludePrivate), Long(filter.ViewerId), Bool(filter.ExcludeReplies), Bool(filter.ExcludeReblogs),
        ];
        var ids = filter.Tagged is { } tag
            ? await ReadIdsPlannedPerValueAsync(bounds.OldestFirst ? AccountTaggedOldestSql : AccountTaggedNewestSql, cancellationToken, [.. parameters, Text(tag)])
                .ConfigureAwait(false)
            : await ReadIdsAsync(bounds.OldestFirst ? AccountStatusesOldestSql : AccountStatusesNewestSql, cancellationToken, parameters).ConfigureAwait(false);
        bounds.Finish(ids);
        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListPublicStatusesAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty)
        {
            return [];
        }

        var ids = await ReadIdsAsync(
            bounds.OldestFirst ? PublicStatusesOldestSql : PublicStatusesNewestSql, cancellationToken,
            Long(bounds.After), Long(bounds.Before), Int(bounds.Limit)).ConfigureAwait(false);
        bounds.Finish(ids);
        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListTaggedStatusesAsync(
        IReadOnlyList<string> any, IReadOnlyList<string> all, IReadOnlyList<string> none, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(any);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(none);
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (bounds.IsEmpty || any.Count == 0)
        {
            return [];
        }

        var driver = all.Count == 0 ? null : await RarestAllTagAsync(any, all, bounds, cancellationToken).ConfigureAwait(false);
        var sql = (driver, bounds.OldestFirst) switch
        {
            (null, false) => TaggedStatusesNewestSql,
            (null, true) => TaggedStatusesOldestSql,
            (_, false) => TaggedStatusesByAllTagNewestSql,
            (_, true) => TaggedStatusesByAllTagOldestSql,
        };
        NpgsqlParameter[] parameters =
            [Texts(any), Texts(all), Texts(none), Long(bounds.After), Long(bounds.Before), Int(bounds.Limit), .. driver is null ? [] : new[] { Text(driver) }];
        var ids = await ReadIdsPlannedPerValueAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        bounds.Finish(ids);
        return ids;
    }

    // The tag of all[] with the fewest statuses in the page's range, if it has fewer than the any tags together.
    private async Task<string?> RarestAllTagAsync(IReadOnlyList<string> any, IReadOnlyList<string> all, PageBounds bounds, CancellationToken cancellationToken)
    {
        var tags = any.Concat(all).ToArray();
        var counts = new long[tags.Length];
        await using (var command = await CommandAsync(TagCountsSql, cancellationToken, Texts(tags), Long(bounds.After), Long(bounds.Before), Int(TagCountCap)).ConfigureAwait(false))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetInt64(0) - 1] = reader.GetInt64(1);
            }
        }

        var anyCount = counts.Take(any.Count).Sum();
        var rarest = Enumerable.Range(any.Count, all.Count).MinBy(i => counts[i]);
        return counts[rarest] < anyCount ? tags[rarest] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatusRow>> ListByAuthorsAsync(
        IReadOnlyList<long> authorIds, long viewerId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorIds);
        ArgumentNullException.ThrowIfNull(page);
        var bounds = PageBounds.From(page);
        if (authorIds.Count == 0 || bounds.IsEmpty)
        {
            return [];
        }

        var rows = await ReadStatusRowsAsync(
            bounds.OldestFirst ? s_byAuthorsOldestSql : s_byAuthorsNewestSql, cancellationToken,
            Longs(authorIds), Long(viewerId), Long(bounds.After), Int(bounds.Limit), Long(bounds.Before)).ConfigureAwait(false);
        if (bounds.OldestFirst)
        {
            return [.. rows.Reverse()];
        }

        return rows;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StatusRow>> ListRepliesAsync(long statusId, CancellationToken cancellationToken) =>
        ReadStatusRowsAsync(
            "SELECT " + StatusColumns + " FROM weft.statuses s WHERE s.in_reply_to_id = $1 ORDER BY s.id",
            cancellationToken, Long(statusId));

    /// <inheritdoc />
    public Task<IReadOnlyList<StatusRow>> ListReblogsAfterAsync(long statusId, long afterId, int limit, CancellationToken cancellationToken) =>
        ReadStatusRowsAsync(
            "SELECT " + StatusColumns + " FROM weft.statuses s WHERE s.reblog_of_id = $1 AND s.id > $2 ORDER BY s.id LIMIT $3",
            cancellationToken, Long(statusId), Long(afterId), Int(Math.Max(limit, 0)));

    /// <inheritdoc />
    public Task<IReadOnlyList<StatusRow>> ListReblogsAsync(long statusId, CancellationToken cancellationToken) =>
        ReadStatusRowsAsync(ReblogsSql, cancellationToken, Long(statusId));

    private const string ReblogsSql = "SELECT " + StatusColumns + " FROM weft.statuses s WHERE s.reblog_of_id = $1 ORDER BY s.id DESC";

    // As Mastodon's counter caches: an account's count leaves out its direct statuses (visibility 3), a status's replies
    // count only the public and unlisted ones (0, 1), so neither tells anyone of statuses they may not see.
    private const string StatusesCountSql = "SELECT count(*), max(id) FROM weft.statuses WHERE account_id = $1 AND visibility <> 3";

    private const string RepliesCountSql = "SELECT count(*) FROM weft.statuses WHERE in_reply_to_id = $1 AND visibility <= 1";

    /// <inheritdoc />
    public async Task<StatusMarks> LoadStatusMarksAsync(long statusId, CancellationToken cancellationToken)
    {
        await using var batch = await BatchForIdAsync(
            statusId, cancellationToken, s_favourites.Markers, s_bookmarks.Markers, ReblogsSql, RepliesCountSql).ConfigureAwait(false);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var favourites = await ReadMarksAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var bookmarks = await ReadMarksAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var reblogs = await ReadStatusRowsAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StatusMarks(favourites, bookmarks, reblogs, reader.GetInt64(0));
    }

    /// <inheritdoc />
    public Task<long> CountRepliesAsync(long statusId, CancellationToken cancellationToken) =>
        ScalarLongAsync(RepliesCountSql, cancellationToken, Long(statusId));

    private static NpgsqlParameter<string[]> Texts(IReadOnlyList<string> values) =>
        new() { TypedValue = [.. values.Distinct(StringComparer.Ordinal)] };

    private static NpgsqlParameter NullableLongs(long?[] values) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private async Task<IReadOnlyList<StatusRow>> ReadStatusRowsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadStatusRowsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of the reader's current result, which selects <see cref="StatusColumns"/>.</summary>
    private static async Task<IReadOnlyList<StatusRow>> ReadStatusRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<StatusRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StatusRow(
                reader.GetInt64(0),
                reader.GetInt64(1),
                (StatusVisibility)reader.GetInt16(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetFieldValue<long[]>(7)));
        }

        return rows;
    }
}
