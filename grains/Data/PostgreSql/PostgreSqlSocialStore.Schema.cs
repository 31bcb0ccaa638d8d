using Npgsql;

namespace Weft.Grains.Data.PostgreSql;

public sealed partial class PostgreSqlSocialStore
{
    /// <summary>The advisory lock key every process takes while creating the schema ("weft.social" as ASCII).</summary>
    private const long SchemaLockKey = 0x7765_6674_2E73_6F63;

    // Every statement is idempotent. Described in grains/Data/README.md.
    private const string SchemaSql = """
        CREATE SCHEMA IF NOT EXISTS weft;

        CREATE TABLE IF NOT EXISTS weft.accounts (
            id       bigint PRIMARY KEY,
            username text COLLATE "C" NOT NULL
        );
        CREATE INDEX IF NOT EXISTS accounts_username_idx ON weft.accounts (username);

        -- The words of each account's display name (DisplayNameWords): a query word's prefix is one range of the key.
        -- Accounts listed before this table are found by their display name once their grain lists them again.
        CREATE TABLE IF NOT EXISTS weft.account_name_words (
            word       text COLLATE "C" NOT NULL,
            account_id bigint NOT NULL,
            PRIMARY KEY (word, account_id)
        );
        CREATE INDEX IF NOT EXISTS account_name_words_account_id_idx ON weft.account_name_words (account_id);

        CREATE TABLE IF NOT EXISTS weft.follows (
            follower_id bigint NOT NULL,
            followee_id bigint NOT NULL,
            id          bigint NOT NULL,
            PRIMARY KEY (follower_id, followee_id)
        );
        CREATE INDEX IF NOT EXISTS follows_followee_id_idx ON weft.follows (followee_id, id);
        CREATE INDEX IF NOT EXISTS follows_followee_follower_idx ON weft.follows (followee_id, follower_id);
        CREATE INDEX IF NOT EXISTS follows_follower_id_idx ON weft.follows (follower_id, id);
        -- The follow options came after the table. Looked up first, as ALTER TABLE (even ADD COLUMN IF NOT EXISTS)
        -- locks out every reader of the table.
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'weft.follows'::regclass AND attname = 'notify' AND NOT attisdropped) THEN
                ALTER TABLE weft.follows ADD COLUMN IF NOT EXISTS show_reblogs boolean NOT NULL DEFAULT true;
                ALTER TABLE weft.follows ADD COLUMN IF NOT EXISTS notify boolean NOT NULL DEFAULT false;
            END IF;
        END $$;
        CREATE INDEX IF NOT EXISTS follows_notify_idx ON weft.follows (followee_id, follower_id) WHERE notify;

        CREATE TABLE IF NOT EXISTS weft.statuses (
            id                     bigint   PRIMARY KEY,
            account_id             bigint   NOT NULL,
            visibility             smallint NOT NULL,
            in_reply_to_id         bigint   NULL,
            in_reply_to_account_id bigint   NULL,
            reblog_of_id           bigint   NULL,
            reblog_of_account_id   bigint   NULL,
            version                bigint   NOT NULL DEFAULT 0
        );
        -- The version came after the table (rows from before read as version 0, older than any edit). Looked up first:
        -- ALTER TABLE locks out every reader of the table, even when the column exists.
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'weft.statuses'::regclass AND attname = 'version' AND NOT attisdropped) THEN
                ALTER TABLE weft.statuses ADD COLUMN version bigint NOT NULL DEFAULT 0;
            END IF;
        END $$;
        CREATE INDEX IF NOT EXISTS statuses_account_id_idx ON weft.statuses (account_id, id);
        -- The public timeline's (its predicate is the query's); it replaced statuses_public_idx, which kept replies.
        DROP INDEX IF EXISTS weft.statuses_public_idx;
        CREATE INDEX IF NOT EXISTS statuses_public_timeline_idx ON weft.statuses (id)
            WHERE visibility = 0 AND reblog_of_id IS NULL AND (in_reply_to_account_id IS NULL OR in_reply_to_account_id = account_id);
        CREATE INDEX IF NOT EXISTS statuses_in_reply_to_id_idx ON weft.statuses (in_reply_to_id, id) WHERE in_reply_to_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS statuses_reblog_of_id_idx ON weft.statuses (reblog_of_id, id) WHERE reblog_of_id IS NOT NULL;

        CREATE TABLE IF NOT EXISTS weft.status_mentions (
            status_id  bigint NOT NULL,
            account_id bigint NOT NULL,
            PRIMARY KEY (status_id, account_id)
        );
        CREATE INDEX IF NOT EXISTS status_mentions_account_id_idx ON weft.status_mentions (account_id, status_id);

        -- Hashtags of original statuses (tag timelines); the key is a tag's statuses in id order.
        CREATE TABLE IF NOT EXISTS weft.status_tags (
            tag       text COLLATE "C" NOT NULL,
            status_id bigint NOT NULL,
            PRIMARY KEY (tag, status_id)
        );
        CREATE INDEX IF NOT EXISTS status_tags_status_id_idx ON weft.status_tags (status_id);

        CREATE TABLE IF NOT EXISTS weft.favourites (
            id         bigint NOT NULL,
            account_id bigint NOT NULL,
            status_id  bigint NOT NULL,
            PRIMARY KEY (account_id, status_id)
        );
        CREATE INDEX IF NOT EXISTS favourites_status_id_idx ON weft.favourites (status_id, id);
        CREATE INDEX IF NOT EXISTS favourites_account_id_idx ON weft.favourites (account_id, id);

        CREATE TABLE IF NOT EXISTS weft.bookmarks (
            id         bigint NOT NULL,
            account_id bigint NOT NULL,
            status_id  bigint NOT NULL,
            PRIMARY KEY (account_id, status_id)
        );
        CREATE INDEX IF NOT EXISTS bookmarks_status_id_idx ON weft.bookmarks (status_id, id);
        CREATE INDEX IF NOT EXISTS bookmarks_account_id_idx ON weft.bookmarks (account_id, id);

        CREATE TABLE IF NOT EXISTS weft.big_accounts (
            account_id bigint PRIMARY KEY
        );

        CREATE TABLE IF NOT EXISTS weft.notifications (
            id              bigint   PRIMARY KEY,
            recipient_id    bigint   NOT NULL,
            type            smallint NOT NULL,
            from_account_id bigint   NOT NULL,
            status_id       bigint   NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS notifications_dedupe_idx
            ON weft.notifications (recipient_id, type, from_account_id, coalesce(status_id, 0));
        CREATE INDEX IF NOT EXISTS notifications_recipient_id_idx ON weft.notifications (recipient_id, id);
        CREATE INDEX IF NOT EXISTS notifications_recipient_status_idx ON weft.notifications (recipient_id, status_id) WHERE status_id IS NOT NULL;
        """;

    // PostgreSQL error codes a concurrent CREATE … IF NOT EXISTS can still raise when another program (the grain storage,
    // under its own lock) creates the same schema at the same moment: unique_violation on the catalog, duplicate_schema.
    private const string UniqueViolation = "23505";
    private const string DuplicateSchema = "42P06";
    private const string DuplicateTable = "42P07";

    /// <inheritdoc />
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
                {
                    command.Parameters.Add(Long(SchemaLockKey));
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var command = new NpgsqlCommand(SchemaSql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (attempt < 3 && ex.SqlState is UniqueViolation or DuplicateSchema or DuplicateTable)
            {
                // Lost a race with another creator of the same catalog entry; everything is IF NOT EXISTS, so try again.
            }
        }
    }
}
