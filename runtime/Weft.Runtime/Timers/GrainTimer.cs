using Microsoft.Extensions.Logging;
using Weft.Invocation;
using Weft.Runtime.Catalog;
using Weft.Runtime.Scheduling;

namespace Weft.Runtime.Timers;

/// <summary>
/// A grain timer: each tick is queued to the activation as work, so the callback runs as a turn; the next tick is
/// armed only after the callback completes, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : ActivationWorkItem, IGrainTimer
{
    private readonly Activation _activation;
    private readonly TimeProvider _timeProvider;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _stopped;
    private bool _ticking;
    private bool _changedDuringTick;

    public GrainTimer(Activation activation, TimeProvider timeProvider, Func<CancellationToken, Task> callback, GrainTimerOptions options, ILogger logger)
    {
        _activation = activation;
        _timeProvider = timeProvider;
        _callback = callback;
        _options = options;
        _logger = logger;
        _dueTime = options.DueTime;
        _period = options.Period;
    }

    public override GrainMethodOptions Options => _options.Interleave ? GrainMethodOptions.AlwaysInterleave : GrainMethodOptions.None;

    public override bool KeepsAlive => _options.KeepAlive;

    public void Start()
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                _timer = _timeProvider.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, _dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _dueTime = dueTime;
            _period = period;
            if (_ticking)
            {
                // Armed when the tick ends, so ticks never overlap.
                _changedDuringTick = true;
            }
            else
            {
                _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTick()
    {
        if (!Volatile.Read(ref _stopped))
        {
            _activation.Enqueue(this);
        }
    }

    public override void Start(Activation activation)
    {
        if (Volatile.Read(ref _stopped))
        {
            activation.OnWorkCompleted(this, null);
            return;
        }

        lock (_lock)
        {
            _ticking = true;
        }

        Task tick;
        try
        {
            tick = _callback(_stopping.Token) ?? Task.FromException(new InvalidOperationException("The timer callback returned null instead of a Task."));
        }
        catch (Exception e)
        {
            tick = Task.FromException(e);
        }

        if (tick.IsCompleted)
        {
            EndTick(tick);
        }
        else
        {
            tick.ContinueWith(static (t, state) => ((GrainTimer)state!).EndTick(t), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void EndTick(Task tick)
    {
        var exception = tick.Exception?.InnerException;
        if (exception is not null && !(exception is OperationCanceledException && _stopping.IsCancellationRequested))
        {
            Log.TimerCallbackFailed(_logger, exception, _activation.GrainId);
        }

        _activation.OnWorkCompleted(this, exception);
        lock (_lock)
        {
            _ticking = false;
            if (!_stopped && _changedDuringTick)
            {
                _timer?.Change(_dueTime, Timeout.InfiniteTimeSpan);
            }
            else if (!_stopped && _period != Timeout.InfiniteTimeSpan)
            {
                _timer?.Change(_period, Timeout.InfiniteTimeSpan);
            }

            _changedDuringTick = false;
        }
    }

    public override void Fail(Exception exception) => Stop();

    public override void Redirect(GrainCatalog catalog, GrainId grainId) => Stop();

    /// <summary>Stops the timer for good; a tick in progress finishes.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _timer?.Dispose();
            _timer = null;
        }

        _stopping.Cancel();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }
}
