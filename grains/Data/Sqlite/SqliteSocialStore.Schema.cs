namespace Weft.Grains.Data.Sqlite;

public sealed partial class SqliteSocialStore
{
    // The PostgreSQL store's tables, without a schema name (the file is the namespace) and with WITHOUT ROWID where the
    // primary key is the lookup path. Every statement is idempotent. Described in grains/Data/README.md.
    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS accounts (
            id       INTEGER PRIMARY KEY,
            username TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS accounts_username_idx ON accounts (username);

        CREATE TABLE IF NOT EXISTS account_name_words (
            word       TEXT NOT NULL,
            account_id INTEGER NOT NULL,
            PRIMARY KEY (word, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS account_name_words_account_id_idx ON account_name_words (account_id);

        CREATE TABLE IF NOT EXISTS follows (
            follower_id INTEGER NOT NULL,
            followee_id INTEGER NOT NULL,
            id          INTEGER NOT NULL,
            PRIMARY KEY (follower_id, followee_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS follows_followee_id_idx ON follows (followee_id, id);
        CREATE INDEX IF NOT EXISTS follows_followee_follower_idx ON follows (followee_id, follower_id);
        CREATE INDEX IF NOT EXISTS follows_follower_id_idx ON follows (follower_id, id);

        CREATE TABLE IF NOT EXISTS statuses (
            id                     INTEGER PRIMARY KEY,
            account_id             INTEGER NOT NULL,
            visibility             INTEGER NOT NULL,
            in_reply_to_id         INTEGER NULL,
            in_reply_to_account_id INTEGER NULL,
            reblog_of_id           INTEGER NULL,
            reblog_of_account_id   INTEGER NULL,
            version                INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS statuses_account_id_idx ON statuses (account_id, id);
        -- The public timeline's (its predicate is the query's); it replaced statuses_public_idx, which kept replies.
        DROP INDEX IF EXISTS statuses_public_idx;
        CREATE INDEX IF NOT EXISTS statuses_public_timeline_idx ON statuses (id)
            WHERE visibility = 0 AND reblog_of_id IS NULL AND (in_reply_to_account_id IS NULL OR in_reply_to_account_id = account_id);
        CREATE INDEX IF NOT EXISTS statuses_in_reply_to_id_idx ON statuses (in_reply_to_id, id) WHERE in_reply_to_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS statuses_reblog_of_id_idx ON statuses (reblog_of_id, id) WHERE reblog_of_id IS NOT NULL;

        CREATE TABLE IF NOT EXISTS status_mentions (
            status_id  INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            PRIMARY KEY (status_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS status_mentions_account_id_idx ON status_mentions (account_id, status_id);

        CREATE TABLE IF NOT EXISTS status_tags (
            tag       TEXT NOT NULL,
            status_id INTEGER NOT NULL,
            PRIMARY KEY (tag, status_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS status_tags_status_id_idx ON status_tags (status_id);

        CREATE TABLE IF NOT EXISTS favourites (
            id         INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            status_id  INTEGER NOT NULL,
            PRIMARY KEY (account_id, status_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS favourites_status_id_idx ON favourites (status_id, id);
        CREATE INDEX IF NOT EXISTS favourites_account_id_idx ON favourites (account_id, id);

        CREATE TABLE IF NOT EXISTS bookmarks (
            id         INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            status_id  INTEGER NOT NULL,
            PRIMARY KEY (account_id, status_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS bookmarks_status_id_idx ON bookmarks (status_id, id);
        CREATE INDEX IF NOT EXISTS bookmarks_account_id_idx ON bookmarks (account_id, id);

        CREATE TABLE IF NOT EXISTS big_accounts (
            account_id INTEGER PRIMARY KEY
        );

        CREATE TABLE IF NOT EXISTS notifications (
            id              INTEGER PRIMARY KEY,
            recipient_id    INTEGER NOT NULL,
            type            INTEGER NOT NULL,
            from_account_id INTEGER NOT NULL,
            status_id       INTEGER NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS notifications_dedupe_idx
            ON notifications (recipient_id, type, from_account_id, coalesce(status_id, 0));
        CREATE INDEX IF NOT EXISTS notifications_recipient_id_idx ON notifications (recipient_id, id);
        CREATE INDEX IF NOT EXISTS notifications_recipient_status_idx ON notifications (recipient_id, status_id) WHERE status_id IS NOT NULL;
        """;

    private const string FollowOptionsSql = """
        ALTER TABLE follows ADD COLUMN show_reblogs INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE follows ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;
        """;

    /// <inheritdoc />
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        using var session = await BeginWriteAsync(ensureSchema: false, cancellationToken).ConfigureAwait(false);
        using var transaction = session.Connection.BeginTransaction();
        await using (var command = session.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SchemaSql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The follow options came after the table, and SQLite has no ADD COLUMN IF NOT EXISTS: ask the catalog.
        await using (var command = session.Connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT count(*) FROM pragma_table_info('follows') WHERE name = 'show_reblogs'";
            if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                command.CommandText = FollowOptionsSql;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            command.CommandText = "CREATE INDEX IF NOT EXISTS follows_notify_idx ON follows (followee_id, follower_id) WHERE notify = 1";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            // So did the statuses' version (rows from before read as version 0, older than any edit).
            command.CommandText = "SELECT count(*) FROM pragma_table_info('statuses') WHERE name = 'version'";
            if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                command.CommandText = "ALTER TABLE statuses ADD COLUMN version INTEGER NOT NULL DEFAULT 0";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
