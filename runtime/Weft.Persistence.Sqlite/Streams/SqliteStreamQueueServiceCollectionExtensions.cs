using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Streams;

namespace Weft.Persistence.Sqlite.Streams;

/// <summary>Makes SQLite stream queues available to configuration.</summary>
public static class SqliteStreamQueueServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "Sqlite" stream queue kind: <c>Weft:Streams:&lt;name&gt;:Provider=Sqlite</c> with <c>ConnectionString</c>
    /// (required; the same file as the grain storage lets grains write state and publish in one transaction) and
    /// <c>PartitionCount</c>. Every registered <see cref="SqliteOutboxProjection"/> is written with the appends of its namespace.
    /// </summary>
    public static IServiceCollection AddSqliteStreamQueueKind(this IServiceCollection services)
        => services.AddStreamQueueKind(new StreamQueueKind("Sqlite", static (sp, name, section) =>
        {
            var options = new SqliteStreamQueueOptions();
            section.Bind(options);
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    $"Stream provider '{name}' is a Sqlite queue without a database file: set " +
                    $"{StreamsServiceCollectionExtensions.StreamsSection}:{name}:ConnectionString (for example \"Data Source=data/weft.db\").");
            }

            return new SqliteStreamQueue(
                name, options, sp.GetService<TimeProvider>(), sp.GetService<ILogger<SqliteStreamQueue>>(), sp.GetServices<SqliteOutboxProjection>());
        }));
}
