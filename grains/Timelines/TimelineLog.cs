using Microsoft.Extensions.Logging;

namespace Weft.Grains.Timelines;

/// <summary>The timeline grains' log messages.</summary>
internal static partial class TimelineLog
{
    [LoggerMessage(1, LogLevel.Warning, "Home timeline {AccountId} could not be written; it stays dirty and is retried")]
    public static partial void PersistFailed(ILogger logger, Exception exception, long accountId);

    [LoggerMessage(2, LogLevel.Information, "Home timeline {AccountId} built from the store with {Count} entries")]
    public static partial void Built(ILogger logger, long accountId, int count);
}
