using Microsoft.Extensions.Logging;

namespace Weft.Grains.Fanout;

/// <summary>The fan-out's log messages.</summary>
internal static partial class FanoutLog
{
    [LoggerMessage(1, LogLevel.Information, "Author {AuthorId} has {Followers} followers: big from now on (timelines merge its statuses at read time)")]
    public static partial void BecameBig(ILogger logger, long authorId, long followers);

    [LoggerMessage(2, LogLevel.Information, "Author {AuthorId} has {Followers} followers: no longer big (its statuses are pushed again)")]
    public static partial void BecameSmall(ILogger logger, long authorId, long followers);
}
