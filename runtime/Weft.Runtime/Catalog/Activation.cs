using System.Runtime.CompilerServices;
using Weft.Invocation;
using Weft.Metadata;
using Weft.Runtime.Invocation;
using Weft.Runtime.Persistence;
using Weft.Runtime.Scheduling;
using Weft.Runtime.Timers;

namespace Weft.Runtime.Catalog;

/// <summary>
/// One activation of one grain in this silo: the grain instance, its mailbox and its turn-based scheduler.
/// Two rules keep grain code single-threaded: work is admitted by the interleaving rules (one call at a time unless
/// the class is [Reentrant] or the method interleaves), and admitted work and await continuations run one at a
/// time. A call that finds the activation idle runs inline on the caller's thread with no allocation;
/// everything else goes through the ready queue, drained by a thread-pool work item.
/// </summary>
internal sealed partial class Activation : GrainContext, IThreadPoolWorkItem
{
    private const int MaxItemsPerDrain = 64;

    // Calls between idle grains nest on one stack when run inline; past this depth they queue instead, so a long
    // chain of grain calls cannot overflow the stack.
    private const int MaxInlineDepth = 32;

    [ThreadStatic]
    private static int s_inlineDepth;

    private readonly Lock _lock = new();
    private readonly GrainCatalog _catalog;
    private readonly GrainClassMetadata _class;
    private readonly ActivationSynchronizationContext _synchronizationContext;
    private readonly Queue<ActivationWorkItem> _pending = new();
    private int _pendingInterleaving;
    private readonly Queue<ReadyItem> _ready = new();
    private ActivationState _state = ActivationState.Created;
    private Grain? _grain;
    private int _running;
    private int _runningReadOnly;
    private int _runningPassive;
    private bool _executing;
    private DeactivationReason? _deactivationReason;
    private TaskCompletionSource? _deactivated;
    private List<PersistentStateBase>? _states;
    private bool _readStates = true;
    private List<GrainTimer>? _timers;

    public Activation(GrainCatalog catalog, GrainId grainId, GrainClassMetadata grainClass)
    {
        _catalog = catalog;
        _class = grainClass;
        GrainId = grainId;
        _synchronizationContext = new ActivationSynchronizationContext(this);
    }

    public override GrainId GrainId { get; }

    public override IGrainFactory GrainFactory => _catalog.GrainFactory;

    public override IServiceProvider Services => _catalog.Services;

    /// <summary>The grain instance; valid once activated.</summary>
    public Grain Grain => _grain!;

    /// <summary>Set by every call; cleared by the idle collector, which counts idle time from then.</summary>
    public bool Touched { get; set; } = true;

    /// <summary>When the idle collector first saw the activation untouched.</summary>
    public long IdleSince { get; set; }

    /// <summary>Whether calls must look the grain up again.</summary>
    public bool IsInvalid => _state == ActivationState.Invalid;

    /// <summary>Whether no call is running or waiting (ticks of timers without KeepAlive do not count).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _state == ActivationState.Valid && _running == _runningPassive && _pending.Count == 0;
            }
        }
    }

    /// <summary>Calls a grain method: inline when the activation is idle, otherwise through the mailbox.</summary>
    public ValueTask<TResult> InvokeAsync<TRequest, TResult>(TRequest request)
        where TRequest : struct, IGrainRequest<TResult>
    {
        var options = TRequest.Method.Options;
        GrainCallMessage<TRequest, TResult>? message = null;
        var inline = false;
        lock (_lock)
        {
            Touched = true;
            if (!_executing && s_inlineDepth < MaxInlineDepth && (_pending.Count == 0 || IsAlwaysInterleave(options)) && CanAdmit(options))
            {
                _executing = true;
                AddRunning(options);
                inline = true;
            }
            else if (_state != ActivationState.Invalid)
            {
                message = new GrainCallMessage<TRequest, TResult>(request, _catalog.CallContext, _catalog.CallContext.Deadline());
                EnqueueLocked(message);
            }
        }

        if (inline)
        {
            return InvokeInline<TRequest, TResult>(request, options);
        }

        if (message is null)
        {
            // Lost a race with deactivation: the grain lives (or will live) in a new activation.
            return _catalog.GetOrCreateActivation(GrainId).InvokeAsync<TRequest, TResult>(request);
        }

        return new ValueTask<TResult>(message.ResultTask(GrainId));
    }

    private ValueTask<TResult> InvokeInline<TRequest, TResult>(TRequest request, GrainMethodOptions options)
        where TRequest : struct, IGrainRequest<TResult>
    {
        ValueTask<TResult> call;
        var previousSynchronizationContext = SynchronizationContext.Current;
        var previousContext = SetCurrent(this);
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        s_inlineDepth++;
        try
        {
            call = request.Invoke(_grain!);
        }
        catch (Exception e)
        {
            call = ValueTask.FromException<TResult>(e);
        }
        finally
        {
            s_inlineDepth--;
            SynchronizationContext.SetSynchronizationContext(previousSynchronizationContext);
            SetCurrent(previousContext);
        }

        if (call.IsCompleted)
        {
            return EndCompletedInline<TRequest, TResult>(call, options);
        }

        // The method awaits: its continuations come back through the ready queue; the message reports its end.
        // Tracked before the activation is released, so a result copy never races with the next turn.
        var message = new GrainCallMessage<TRequest, TResult>(request, _catalog.CallContext, long.MaxValue);
        message.Track(this, call);
        EndInline(options, null, stillRunning: true);
        return new ValueTask<TResult>(message.ResultTask(GrainId));
    }

    private ValueTask<TResult> EndCompletedInline<TRequest, TResult>(ValueTask<TResult> call, GrainMethodOptions options)
        where TRequest : struct, IGrainRequest<TResult>
    {
        if (!call.IsCompletedSuccessfully)
        {
            Exception failure;
            try
            {
                call.GetAwaiter().GetResult();
                failure = new InvalidOperationException("A faulted call completed without an exception.");
            }
            catch (Exception e)
            {
                failure = e;
            }

            EndInline(options, failure, stillRunning: false);
            return ValueTask.FromException<TResult>(failure);
        }

        if (TRequest.Method.ResultNeedsCopy)
        {
            // Copied before the turn ends, while no other call can be changing the grain's objects.
            var copy = CopyResult(call.Result);
            EndInline(options, null, stillRunning: false);
            return copy;
        }

        EndInline(options, null, stillRunning: false);

        // Handing the completed ValueTask on (unread) keeps the grain's own Task<T> for the proxy: no second task.
        return call;
    }

    private ValueTask<TResult> CopyResult<TResult>(TResult result)
    {
        try
        {
            return new ValueTask<TResult>(_catalog.CallContext.Copier.Copy(result));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<TResult>(e);
        }
    }

    private void EndInline(GrainMethodOptions options, Exception? exception, bool stillRunning)
    {
        lock (_lock)
        {
            _executing = false;
            if (!stillRunning)
            {
                RemoveRunning(options);
                NoteFailureLocked(exception);
                AdmitPendingLocked();
            }

            ScheduleIfReadyLocked();
        }
    }

    /// <summary>Queues work that did not run inline (a redirected call or a timer tick).</summary>
    public void Enqueue(ActivationWorkItem work)
    {
        bool redirect;
        lock (_lock)
        {
            redirect = _state == ActivationState.Invalid;
            if (!redirect)
            {
                EnqueueLocked(work);
            }
        }

        if (redirect)
        {
            work.Redirect(_catalog, GrainId);
        }
    }

    private void EnqueueLocked(ActivationWorkItem work)
    {
        // FIFO, except that always-interleave work never waits behind blocked calls.
        if ((_pending.Count == 0 || IsAlwaysInterleave(work.Options)) && CanAdmit(work.Options))
        {
            AdmitLocked(work);
        }
        else
        {
            _pending.Enqueue(work);
            if (IsAlwaysInterleave(work.Options))
            {
                _pendingInterleaving++;
            }
        }
    }

    /// <summary>Reports the end of admitted work; lets waiting work in.</summary>
    public void OnWorkCompleted(ActivationWorkItem work, Exception? exception)
    {
        lock (_lock)
        {
            Touched |= work.KeepsAlive;
            RemoveRunning(work.Options);
            if (!work.KeepsAlive)
            {
                _runningPassive--;
            }

            NoteFailureLocked(exception);
            AdmitPendingLocked();
        }
    }

    /// <summary>Runs an await continuation of this activation's grain code in turn.</summary>
    public void EnqueueContinuation(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            _ready.Enqueue(ReadyItem.ForContinuation(callback, state));
            ScheduleIfReadyLocked();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CanAdmit(GrainMethodOptions options)
    {
        if (_state != ActivationState.Valid)
        {
            return false;
        }

        if (_deactivationReason is not null)
        {
            // Only call-backs the still-running calls may be waiting for get in before deactivation.
            return _running > 0 && (options & GrainMethodOptions.AlwaysInterleave) != 0;
        }

        return _running == 0
            || (options & GrainMethodOptions.AlwaysInterleave) != 0
            || _class.IsReentrant
            || ((options & GrainMethodOptions.ReadOnly) != 0 && _running == _runningReadOnly);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAlwaysInterleave(GrainMethodOptions options) => (options & GrainMethodOptions.AlwaysInterleave) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRunning(GrainMethodOptions options)
    {
        _running++;
        if ((options & GrainMethodOptions.ReadOnly) != 0)
        {
            _runningReadOnly++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RemoveRunning(GrainMethodOptions options)
    {
        _running--;
        if ((options & GrainMethodOptions.ReadOnly) != 0)
        {
            _runningReadOnly--;
        }
    }

    private void AdmitLocked(ActivationWorkItem work)
    {
        AddRunning(work.Options);
        if (!work.KeepsAlive)
        {
            _runningPassive++;
        }

        _ready.Enqueue(ReadyItem.ForWork(work));
        ScheduleIfReadyLocked();
    }

    private void AdmitPendingLocked()
    {
        List<ActivationWorkItem>? expired = null;
        while (_pending.TryPeek(out var next) && CanAdmit(next.Options))
        {
            _pending.Dequeue();
            if (IsAlwaysInterleave(next.Options))
            {
                _pendingInterleaving--;
            }

            if (next.IsExpired(_catalog.TimeProvider.GetTimestamp()))
            {
                (expired ??= []).Add(next);
                continue;
            }

            AdmitLocked(next);
        }

        if (_pendingInterleaving > 0 && CanAdmit(GrainMethodOptions.AlwaysInterleave))
        {
            // Always-interleave work that queued while the activation was not ready must not wait behind blocked calls.
            var blocked = _pending.Count;
            for (var i = 0; i < blocked; i++)
            {
                var work = _pending.Dequeue();
                if (IsAlwaysInterleave(work.Options))
                {
                    _pendingInterleaving--;
                    if (work.IsExpired(_catalog.TimeProvider.GetTimestamp()))
                    {
                        (expired ??= []).Add(work);
                    }
                    else
                    {
                        AdmitLocked(work);
                    }
                }
                else
                {
                    _pending.Enqueue(work);
                }
            }
        }

        if (expired is not null)
        {
            // The callers already have their TimeoutException; the work is dropped, not run late.
            foreach (var work in expired)
            {
                work.Fail(new TimeoutException($"A call to grain {GrainId} expired while queued."));
            }
        }

        StartDeactivationIfDueLocked();
    }

    private void NoteFailureLocked(Exception? exception)
    {
        if (exception is InconsistentStateException && _deactivationReason is null)
        {
            // The stored state moved on without us: drop this activation so the next call reads it afresh.
            RequestDeactivationLocked(DeactivationReason.InconsistentState);
        }
    }

    private void ScheduleIfReadyLocked()
    {
        if (!_executing && _ready.Count > 0)
        {
            _executing = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Drains the ready queue on a thread-pool thread, one item at a time.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var previousSynchronizationContext = SynchronizationContext.Current;
        var previousContext = SetCurrent(this);
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            for (var i = 0; i < MaxItemsPerDrain; i++)
            {
                ReadyItem item;
                lock (_lock)
                {
                    if (!_ready.TryDequeue(out item))
                    {
                        _executing = false;
                        return;
                    }
                }

                Run(item);
            }

            lock (_lock)
            {
                // Yield the thread so other activations get their turn, and come back if more is ready.
                _executing = false;
                ScheduleIfReadyLocked();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousSynchronizationContext);
            SetCurrent(previousContext);
        }
    }

    private void Run(in ReadyItem item)
    {
        try
        {
            switch (item.Kind)
            {
                case ReadyItemKind.Work:
                    item.Work!.Start(this);
                    break;
                case ReadyItemKind.Continuation:
                    item.Callback!(item.State);
                    break;
                case ReadyItemKind.Activate:
                    _ = ActivateAsync();
                    break;
                case ReadyItemKind.Deactivate:
                    _ = DeactivateAsync();
                    break;
            }
        }
        catch (Exception e)
        {
            Log.WorkItemFailed(_catalog.Logger, e, GrainId);
        }
    }
}
