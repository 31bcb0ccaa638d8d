using Microsoft.Extensions.Logging;

namespace Weft.Runtime.Catalog;

/// <summary>The catalog's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Error, "Work on grain {GrainId} threw outside any call")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(4, LogLevel.Warning, "A timer callback of grain {GrainId} failed")]
    public static partial void TimerCallbackFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(5, LogLevel.Information, "Deactivated {Count} activations for shutdown")]
    public static partial void ShutdownDeactivated(ILogger logger, int count);

    [LoggerMessage(6, LogLevel.Warning, "Shutdown gave up waiting for {Count} activations to deactivate")]
    public static partial void ShutdownTimedOut(ILogger logger, int count);
}
