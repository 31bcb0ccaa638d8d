using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>Makes PostgreSQL stream queues available to configuration.</summary>
public static class PostgreSqlStreamQueueServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "PostgreSql" stream queue kind: <c>Weft:Streams:&lt;name&gt;:Provider=PostgreSql</c> with
    /// <c>ConnectionString</c> (required), <c>Schema</c> and <c>PartitionCount</c>. Every registered
    /// <see cref="PostgreSqlOutboxProjection"/> is written with the appends of its namespace.
    /// </summary>
    public static IServiceCollection AddPostgreSqlStreamQueueKind(this IServiceCollection services)
        => services.AddStreamQueueKind(new StreamQueueKind("PostgreSql", static (sp, name, section) =>
        {
            var options = new PostgreSqlStreamQueueOptions();
            section.Bind(options);
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    $"Stream provider '{name}' is a PostgreSql queue without a connection string: set " +
                    $"{StreamsServiceCollectionExtensions.StreamsSection}:{name}:ConnectionString.");
            }

            return new PostgreSqlStreamQueue(
                name, options, sp.GetService<ILogger<PostgreSqlStreamQueue>>(), sp.GetServices<PostgreSqlOutboxProjection>());
        }));
}
