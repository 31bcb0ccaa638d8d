using System.Globalization;
using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    private const string InsertStatusSql =
        "INSERT INTO statuses (id, account_id, visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, reblog_of_account_id, version) " +
        "VALUES ($id, $account, $visibility, $replyTo, $replyToAccount, $reblogOf, $reblogOfAccount, $version) ON CONFLICT (id) DO NOTHING";

    // An indexed status takes a later version's mentions and tags (an edit); an earlier or equal one changes nothing.
    private const string NewerVersionSql = "UPDATE statuses SET version = $version WHERE id = $id AND version < $version";

    private const string InsertMentionSql = "INSERT INTO status_mentions (status_id, account_id) VALUES ($status, $account) ON CONFLICT DO NOTHING";

    private const string InsertTagSql = "INSERT INTO status_tags (tag, status_id) VALUES ($tag, $status) ON CONFLICT DO NOTHING";

    private const string StatusColumns =
        "s.id, s.account_id, s.visibility, s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, s.reblog_of_account_id, " +
        "(SELECT group_concat(m.account_id) FROM status_mentions m WHERE m.status_id = s.id)";

    private const string AccountStatusesWhere = """
        WHERE s.account_id = $account AND s.id > $after AND s.id < $before
          AND (s.visibility IN (0, 1)
               OR (s.visibility = 2 AND $includePrivate)
               OR (s.visibility IN (2, 3) AND (s.account_id = $viewer
                   OR EXISTS (SELECT 1 FROM status_mentions m WHERE m.status_id = s.id AND m.account_id = $viewer))))
          AND (NOT $excludeReplies OR s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)
          AND (NOT $excludeReblogs OR s.reblog_of_id IS NULL)
        """;

    // The tag's key range as the candidates, as the tag timelines read them.
    private const string AccountTaggedFilter =
        " AND s.id IN (SELECT t.status_id FROM status_tags t WHERE t.tag = $tagged AND t.status_id > $after AND t.status_id < $before)";

    private const string AccountStatusesNewestSql = "SELECT s.id FROM statuses s " + AccountStatusesWhere + " ORDER BY s.id DESC LIMIT $limit";
    private const string AccountStatusesOldestSql = "SELECT s.id FROM statuses s " + AccountStatusesWhere + " ORDER BY s.id LIMIT $limit";
    private const string AccountTaggedNewestSql = "SELECT s.id FROM statuses s " + AccountStatusesWhere + AccountTaggedFilter + " ORDER BY s.id DESC LIMIT $limit";
    private const string AccountTaggedOldestSql = "SELECT s.id FROM statuses s " + AccountStatusesWhere + AccountTaggedFilter + " ORDER BY s.id LIMIT $limit";

    // Public originals, without replies to someone else (Mastodon's public feed leaves them out; a thread's own
    // continuation stays), the rule of StatusFanoutGrain.IsOnPublicStream. The literal predicate matches the partial index
    // statuses_public_timeline_idx.
    private const string PublicStatusesWhere =
        "WHERE visibility = 0 AND reblog_of_id IS NULL AND (in_reply_to_account_id IS NULL OR in_reply_to_account_id = account_id) ";

    private const string PublicStatusesNewestSql =
        "SELECT id FROM statuses " + PublicStatusesWhere + "AND id > $after AND id < $before ORDER BY id DESC LIMIT $limit";

    private const string PublicStatusesOldestSql =
        "SELECT id FROM statuses " + PublicStatusesWhere + "AND id > $after AND id < $before ORDER BY id LIMIT $limit";

    // Candidates come from the (tag, status_id) key, one range per tag of $any, so a rare tag costs its own rows only;
    // $all and $none are key lookups per candidate.
    private const string TaggedStatusesWhere = """
        WHERE s.id IN (SELECT t.status_id FROM status_tags t
                        WHERE t.tag IN (SELECT value FROM json_each($any)) AND t.status_id > $after AND t.status_id < $before)
          AND s.visibility = 0 AND s.reblog_of_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM json_each($all) a
                           WHERE NOT EXISTS (SELECT 1 FROM status_tags t WHERE t.tag = a.value AND t.status_id = s.id))
          AND NOT EXISTS (SELECT 1 FROM status_tags t WHERE t.tag IN (SELECT value FROM json_each($none)) AND t.status_id = s.id)
        """;

    private const string TaggedStatusesNewestSql = "SELECT s.id FROM statuses s " + TaggedStatusesWhere + " ORDER BY s.id DESC LIMIT $limit";
    private const string TaggedStatusesOldestSql = "SELECT s.id FROM statuses s " + TaggedStatusesWhere + " ORDER BY s.id LIMIT $limit";

    // Each author's newest visible statuses through its (account_id, id) index, at most $limit each, then the newest
    // $limit of those: the work is bounded by authors × limit however long their histories are.
    // Each author's visible statuses in the range through its (account_id, id) index, at most $limit each, then
    // $limit of those.
    private static string ByAuthorsSql(string order) =>
        "SELECT " + StatusColumns + " FROM (SELECT DISTINCT value AS account_id FROM json_each($authors)) a " +
        "JOIN statuses s ON s.id IN (SELECT t.id FROM statuses t WHERE t.account_id = a.account_id AND t.id > $after AND t.id < $before " +
        "AND (t.visibility <> 3 OR t.account_id = $viewer OR EXISTS (SELECT 1 FROM status_mentions m WHERE m.status_id = t.id AND m.account_id = $viewer)) " +
        $"ORDER BY t.id {order} LIMIT $limit) " +
        $"ORDER BY s.id {order} LIMIT $limit";

    private static readonly string s_byAuthorsNewestSql = ByAuthorsSql("DESC");
    private static readonly string s_byAuthorsOldestSql = ByAuthorsSql("ASC");

    /// <inheritdoc />
    public async Task UpsertStatusesAsync(IReadOnlyList<StatusRow> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Count == 0)
        {
            return;
        }

        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        await IndexStatusesAsync(sql => session.Prepared(sql, transaction), statuses, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Indexes <paramref name="statuses"/> as <see cref="ISocialStore.UpsertStatusesAsync"/> says, in order, through the
    /// commands <paramref name="prepared"/> gives for each statement (parameters cleared, bound to the caller's transaction).
    /// </summary>
    internal static async Task IndexStatusesAsync(
        Func<string, SqliteCommand> prepared, IReadOnlyList<StatusRow> statuses, CancellationToken cancellationToken)
    {
        // Each statement bound once; the loop only sets values.
        var insert = prepared(InsertStatusSql);
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var account = insert.Parameters.Add("$account", SqliteType.Integer);
        var visibility = insert.Parameters.Add("$visibility", SqliteType.Integer);
        var replyTo = insert.Parameters.Add("$replyTo", SqliteType.Integer);
        var replyToAccount = insert.Parameters.Add("$replyToAccount", SqliteType.Integer);
        var reblogOf = insert.Parameters.Add("$reblogOf", SqliteType.Integer);
        var reblogOfAccount = insert.Parameters.Add("$reblogOfAccount", SqliteType.Integer);
        var version = insert.Parameters.Add("$version", SqliteType.Integer);
        var newer = prepared(NewerVersionSql);
        var newerId = newer.Parameters.Add("$id", SqliteType.Integer);
        var newerVersion = newer.Parameters.Add("$version", SqliteType.Integer);
        var deleteMentions = prepared("DELETE FROM status_mentions WHERE status_id = $id");
        var deleteMentionsOf = deleteMentions.Parameters.Add("$id", SqliteType.Integer);
        var deleteTags = prepared("DELETE FROM status_tags WHERE status_id = $id");
        var deleteTagsOf = deleteTags.Parameters.Add("$id", SqliteType.Integer);
        var mention = prepared(InsertMentionSql);
        var mentionStatus = mention.Parameters.Add("$status", SqliteType.Integer);
        var mentionAccount = mention.Parameters.Add("$account", SqliteType.Integer);
        var tagInsert = prepared(InsertTagSql);
        var tagName = tagInsert.Parameters.Add("$tag", SqliteType.Text);
        var tagStatus = tagInsert.Parameters.Add("$status", SqliteType.Integer);
        foreach (var status in statuses)
        {
            id.Value = status.Id;
            account.Value = status.AccountId;
            visibility.Value = (int)status.Visibility;
            replyTo.Value = (object?)status.InReplyToId ?? DBNull.Value;
            replyToAccount.Value = (object?)status.InReplyToAccountId ?? DBNull.Value;
            reblogOf.Value = (object?)status.ReblogOfId ?? DBNull.Value;
            reblogOfAccount.Value = (object?)status.ReblogOfAccountId ?? DBNull.Value;
            version.Value = status.Version;
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                (newerId.Value, newerVersion.Value) = (status.Id, status.Version);
                if (await newer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    continue;
                }

                (deleteMentionsOf.Value, deleteTagsOf.Value) = (status.Id, status.Id);
                await deleteMentions.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await deleteTags.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            mentionStatus.Value = status.Id;
            foreach (var accountId in status.MentionedAccountIds)
            {
                mentionAccount.Value = accountId;
                await mention.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Mastodon's tag timelines list originals only.
            if (status.Tags is { } tags && status.ReblogOfId is null)
            {
                tagStatus.Value = status.Id;
                foreach (var tag in tags)
                {
                    tagName.Value = tag;
                    await tagInsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteStatusAsync(long statusId, CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        var mentions = session.Prepared("DELETE FROM status_mentions WHERE status_id = $id", transaction);
        mentions.Parameters.Add("$id", SqliteType.Integer).Value = statusId;
        await mentions.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var tags = session.Prepared("DELETE FROM status_tags WHERE status_id = $id", transaction);
        tags.Parameters.Add("$id", SqliteType.Integer).Value = statusId;
        await tags.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var status = session.Prepared("DELETE FROM statuses WHERE id = $id", transaction);
        status.Parameters.Add("$id", SqliteType.Integer).Value = statusId;
        var deleted = await status.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

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

        List<long> ids;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var sql = filter.Tagged is null
                ? bounds.OldestFirst ? AccountStatusesOldestSql : AccountStatusesNewestSql
                : bounds.OldestFirst ? AccountTaggedOldestSql : AccountTaggedNewestSql;
            await using var command = session.Command(sql);
            command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
            AddPage(command, bounds);
            command.Parameters.Add("$includePrivate", SqliteType.Integer).Value = filter.IncludePrivate ? 1 : 0;
            command.Parameters.Add("$viewer", SqliteType.Integer).Value = filter.ViewerId;
            command.Parameters.Add("$excludeReplies", SqliteType.Integer).Value = filter.ExcludeReplies ? 1 : 0;
            command.Parameters.Add("$excludeReblogs", SqliteType.Integer).Value = filter.ExcludeReblogs ? 1 : 0;
            if (filter.Tagged is { } tag)
            {
                command.Parameters.Add("$tagged", SqliteType.Text).Value = tag;
            }

            ids = await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }

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

        List<long> ids;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(bounds.OldestFirst ? PublicStatusesOldestSql : PublicStatusesNewestSql);
            AddPage(command, bounds);
            ids = await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }

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

        List<long> ids;
        using (var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = session.Command(bounds.OldestFirst ? TaggedStatusesOldestSql : TaggedStatusesNewestSql);
            command.Parameters.Add("$any", SqliteType.Text).Value = JsonArray(any);
            command.Parameters.Add("$all", SqliteType.Text).Value = JsonArray(all);
            command.Parameters.Add("$none", SqliteType.Text).Value = JsonArray(none);
            AddPage(command, bounds);
            ids = await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }

        bounds.Finish(ids);
        return ids;
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

        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(bounds.OldestFirst ? s_byAuthorsOldestSql : s_byAuthorsNewestSql);
        command.Parameters.Add("$authors", SqliteType.Text).Value = JsonArray(authorIds);
        command.Parameters.Add("$viewer", SqliteType.Integer).Value = viewerId;
        AddPage(command, bounds);
        var rows = await ReadStatusRowsAsync(command, cancellationToken).ConfigureAwait(false);
        if (bounds.OldestFirst)
        {
            return [.. rows.Reverse()];
        }

        return rows;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StatusRow>> ListRepliesAsync(long statusId, CancellationToken cancellationToken) =>
        ListStatusRowsAsync("SELECT " + StatusColumns + " FROM statuses s WHERE s.in_reply_to_id = $id ORDER BY s.id", statusId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StatusRow>> ListReblogsAsync(long statusId, CancellationToken cancellationToken) =>
        ListStatusRowsAsync("SELECT " + StatusColumns + " FROM statuses s WHERE s.reblog_of_id = $id ORDER BY s.id DESC", statusId, cancellationToken);

    private async Task<(long Count, long? NewestId)> CountStatusesAsync(long accountId, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        // Without direct statuses (visibility 3), as Mastodon counts (and as the PostgreSQL store does).
        await using var command = session.Command("SELECT count(*), max(id) FROM statuses WHERE account_id = $account AND visibility <> 3");
        command.Parameters.Add("$account", SqliteType.Integer).Value = accountId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    /// <inheritdoc />
    public Task<long> CountRepliesAsync(long statusId, CancellationToken cancellationToken) =>
        // Public and unlisted replies only (visibility 0, 1), as Mastodon counts (and as the PostgreSQL store does).
        CountAsync("SELECT count(*) FROM statuses WHERE in_reply_to_id = $id AND visibility <= 1", statusId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatusRow>> ListReblogsAfterAsync(long statusId, long afterId, int limit, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(
            "SELECT " + StatusColumns + " FROM statuses s WHERE s.reblog_of_id = $id AND s.id > $after ORDER BY s.id LIMIT $limit");
        command.Parameters.Add("$id", SqliteType.Integer).Value = statusId;
        command.Parameters.Add("$after", SqliteType.Integer).Value = afterId;
        command.Parameters.Add("$limit", SqliteType.Integer).Value = Math.Max(limit, 0);
        return await ReadStatusRowsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StatusRow>> ListStatusRowsAsync(string sql, long id, CancellationToken cancellationToken)
    {
        using var session = await BeginReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = session.Command(sql);
        command.Parameters.Add("$id", SqliteType.Integer).Value = id;
        return await ReadStatusRowsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StatusRow>> ReadStatusRowsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StatusRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StatusRow(
                reader.GetInt64(0),
                reader.GetInt64(1),
                (StatusVisibility)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? [] : ParseIds(reader.GetString(7))));
        }

        return rows;
    }

    /// <summary>Parses group_concat's comma-separated ids, ascending.</summary>
    private static long[] ParseIds(string text)
    {
        var span = text.AsSpan();
        var ids = new long[span.Count(',') + 1];
        var i = 0;
        foreach (var range in span.Split(','))
        {
            ids[i++] = long.Parse(span[range], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        Array.Sort(ids);
        return ids;
    }
}
