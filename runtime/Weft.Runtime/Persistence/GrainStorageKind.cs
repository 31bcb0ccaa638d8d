using Microsoft.Extensions.Configuration;
using Weft.Persistence;

namespace Weft.Runtime.Persistence;

/// <summary>
/// A kind of storage provider that configuration can name (<c>Weft:Storage:&lt;name&gt;:Provider</c>), such as
/// PostgreSql, Sqlite or Memory. Provider packages register their kind; the runtime creates one provider per name.
/// </summary>
/// <param name="Name">The kind's name as written in configuration (case-insensitive).</param>
/// <param name="Create">Creates a provider from the services, the provider's name and its configuration section.</param>
public sealed record GrainStorageKind(string Name, Func<IServiceProvider, string, IConfigurationSection, IGrainStorage> Create);
