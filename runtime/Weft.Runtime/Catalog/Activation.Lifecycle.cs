using Weft.Runtime.Persistence;
using Weft.Runtime.Streams;
using Weft.Streams;
using Weft.Runtime.Scheduling;
using Weft.Runtime.Timers;

namespace Weft.Runtime.Catalog;

/// <summary>Activation and deactivation: each runs as an exclusive turn of the activation.</summary>
internal sealed partial class Activation
{
    /// <summary>Task that completes when the activation is gone.</summary>
    public Task Deactivated
    {
        get
        {
            lock (_lock)
            {
                return _state == ActivationState.Invalid ? Task.CompletedTask : (_deactivated ??= NewCompletion()).Task;
            }
        }
    }

    /// <summary>Starts activating; called once by whoever put the activation in the directory.</summary>
    /// <param name="readStates">False when created for a fresh key's call: persistent states start empty, unread.</param>
    public void StartActivation(bool readStates)
    {
        lock (_lock)
        {
            _readStates = readStates;
            _state = ActivationState.Activating;
            _running = 1;
            _ready.Enqueue(ReadyItem.ForStep(ReadyItemKind.Activate));
            ScheduleIfReadyLocked();
        }
    }

    private async Task ActivateAsync()
    {
        Exception? failure = null;
        try
        {
            _grain = _class.Create(_catalog.Services, this);
            if (_states is not null && _readStates)
            {
                foreach (var state in _states)
                {
                    await state.ReadStateAsync(CancellationToken.None);
                }
            }

            await _grain.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (failure is null)
        {
            lock (_lock)
            {
                _state = ActivationState.Valid;
                _running = 0;
                AdmitPendingLocked();
            }

            return;
        }

        // Leave nothing half-built: the next call creates a fresh activation and tries again.
        Log.ActivationFailed(_catalog.Logger, failure, GrainId);
        DisposeTimers();
        foreach (var work in Invalidate())
        {
            work.Fail(failure);
        }

    }

    public override void DeactivateOnIdle()
    {
        lock (_lock)
        {
            RequestDeactivationLocked(DeactivationReason.ApplicationRequested);
        }
    }

    /// <summary>Deactivates once the running work ends; calls that arrive meanwhile go to the next activation.</summary>
    public Task RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return Task.CompletedTask;
            }

            RequestDeactivationLocked(reason);
            return (_deactivated ??= NewCompletion()).Task;
        }
    }

    private void RequestDeactivationLocked(DeactivationReason reason)
    {
        if (_deactivationReason is null && _state is not ActivationState.Invalid and not ActivationState.Deactivating)
        {
            _deactivationReason = reason;
            StartDeactivationIfDueLocked();
        }
    }

    private void StartDeactivationIfDueLocked()
    {
        if (_deactivationReason is not null && _state == ActivationState.Valid && _running == 0)
        {
            _state = ActivationState.Deactivating;
            _running = 1;
            _ready.Enqueue(ReadyItem.ForStep(ReadyItemKind.Deactivate));
            ScheduleIfReadyLocked();
        }
    }

    private async Task DeactivateAsync()
    {
        try
        {
            DisposeTimers();
            await _grain!.OnDeactivateAsync(_deactivationReason!.Value, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.DeactivationFailed(_catalog.Logger, e, GrainId);
        }
        finally
        {
            foreach (var work in Invalidate())
            {
                work.Redirect(_catalog, GrainId);
            }
        }
    }

    /// <summary>Leaves the directory and hands back the work that was waiting.</summary>
    private List<ActivationWorkItem> Invalidate()
    {
        List<ActivationWorkItem> waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            _running = 0;

            // Long-lived references may still point at this activation: let the grain and its state go.
            _grain = null;
            _states = null;
            waiting = [.. _pending];
            _pending.Clear();
            _pendingInterleaving = 0;
            _deactivated?.TrySetResult();
        }

        _catalog.Remove(this);
        return waiting;
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        var timer = new GrainTimer(this, _catalog.TimeProvider, callback, options, _catalog.Logger);
        lock (_lock)
        {
            if (_state is ActivationState.Invalid or ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot start timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    /// <summary>Forgets a disposed timer.</summary>
    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers is null ? [] : [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            try
            {
                timer.Stop();
            }
            catch (Exception e)
            {
                // A cancellation callback of the grain threw; the timer is stopped regardless.
                Log.TimerCallbackFailed(_catalog.Logger, e, GrainId);
            }
        }
    }

    public override IStreamProvider GetStreamProvider(string name) => _catalog.Services.GetStreamProvider(name);

    public override IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName)
    {
        var state = new PersistentState<TState>(
            new Weft.Persistence.GrainStateKey(GrainId.GrainType, GrainId.Key, stateName),
            storageName,
            _catalog.Storage.Get(storageName),
            _catalog.Codec);
        (_states ??= []).Add(state);
        return state;
    }
}
