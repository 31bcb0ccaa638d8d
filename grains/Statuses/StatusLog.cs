using Microsoft.Extensions.Logging;

namespace Weft.Grains.Statuses;

/// <summary>The status grain's log messages.</summary>
internal static partial class StatusLog
{
    [LoggerMessage(1, LogLevel.Warning, "Status {StatusId}: a follow-up of {Action} by {AccountId} failed")]
    public static partial void SideEffectFailed(ILogger logger, Exception exception, long statusId, string action, long accountId);
}
