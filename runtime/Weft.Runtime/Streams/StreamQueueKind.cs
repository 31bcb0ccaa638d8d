using Microsoft.Extensions.Configuration;

namespace Weft.Runtime.Streams;

/// <summary>
/// A kind of stream queue that configuration can name (<c>Weft:Streams:&lt;name&gt;:Provider</c>): PostgreSql, Sqlite
/// or Memory. Provider packages register their kind.
/// </summary>
/// <param name="Name">The kind's name as written in configuration (case-insensitive).</param>
/// <param name="Create">Creates the queue from the services, the provider's name and its configuration section.</param>
public sealed record StreamQueueKind(string Name, Func<IServiceProvider, string, IConfigurationSection, IStreamQueue> Create);
