using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Runtime.Streams;

/// <summary>The "Memory" stream queue kind, for tests: events live as long as the process.</summary>
public static class MemoryStreamQueueKind
{
    /// <summary>Adds the kind: <c>Weft:Streams:&lt;name&gt;:Provider=Memory</c>, with an optional <c>PartitionCount</c>.</summary>
    public static IServiceCollection AddMemoryStreamQueueKind(this IServiceCollection services)
        => services.AddStreamQueueKind(new StreamQueueKind("Memory", static (sp, _, section) =>
            new MemoryStreamQueue(section.GetValue("PartitionCount", 8), sp.GetService<TimeProvider>())));
}
