using Microsoft.Extensions.Logging;

namespace Weft.Grains.Accounts;

/// <summary>The account grain's log messages.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(1, LogLevel.Warning, "Account {AccountId} followed {TargetId}, but a follow-up step failed (counters recount on activation)")]
    public static partial void FollowSideEffectFailed(ILogger logger, Exception exception, long accountId, long targetId);

    [LoggerMessage(2, LogLevel.Debug, "Account {AccountId} posted status {StatusId}")]
    public static partial void Posted(ILogger logger, long accountId, long statusId);

    [LoggerMessage(4, LogLevel.Warning, "Account {AccountId} is listed in the directory, but recording that failed; its next activation lists it again")]
    public static partial void ListedNotRecorded(ILogger logger, Exception exception, long accountId);

    [LoggerMessage(6, LogLevel.Warning, "Account {AccountId} posted reply {StatusId}, but its parent could not count it yet; the fan-out tells it again")]
    public static partial void ReplyNotCounted(ILogger logger, Exception exception, long accountId, long statusId);

    [LoggerMessage(3, LogLevel.Information, "Account {AccountId}: a follow-up step for {TargetId} failed (attempt {Attempt}); retrying")]
    public static partial void FollowSideEffectRetried(ILogger logger, Exception exception, long accountId, long targetId, int attempt);
}
