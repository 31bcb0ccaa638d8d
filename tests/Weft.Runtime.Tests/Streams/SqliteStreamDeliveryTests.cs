using Microsoft.Data.Sqlite;
using Weft.Persistence;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Runtime.Tests.Streams;

/// <summary>The embedded default: grain state and the stream queue in one SQLite file.</summary>
public sealed class SqliteStreamDeliveryTests : DurableStreamDeliveryTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-streams-" + Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "weft.db")}";

    protected override IStreamQueue CreateQueue()
        => new SqliteStreamQueue("Default", new SqliteStreamQueueOptions { ConnectionString = ConnectionString }, projections: [new NoRowsProjection()]);

    protected override IGrainStorage CreateStorage()
        => new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = ConnectionString });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A projection of <see cref="DurableStreamDeliveryTests.ProjectedNamespace"/> whose events make no rows.</summary>
    private sealed class NoRowsProjection() : SqliteOutboxProjection<string>(ProjectedNamespace)
    {
        protected override ValueTask<IReadOnlyList<string>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>([]);

        protected override Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<string> rows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No rows were made.");
    }
}
