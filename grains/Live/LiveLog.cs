using Microsoft.Extensions.Logging;

namespace Weft.Grains.Live;

/// <summary>The live feed's log messages.</summary>
internal static partial class LiveLog
{
    [LoggerMessage(1, LogLevel.Warning, "A live feed handler on channel {Channel} threw; the event was dropped for it")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string channel);
}
