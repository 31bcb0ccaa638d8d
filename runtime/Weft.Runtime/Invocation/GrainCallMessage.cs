using Weft.Invocation;
using Weft.Runtime.Catalog;

namespace Weft.Runtime.Invocation;

/// <summary>
/// A call that could not finish inline: it waits for admission, or its method awaited something.
/// The caller awaits <see cref="ResultTask"/>, whose continuations never run inside the callee's turn.
/// </summary>
internal sealed class GrainCallMessage<TRequest, TResult> : PendingCall
    where TRequest : struct, IGrainRequest<TResult>
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CallContext _context;
    private readonly long _deadline;
    private readonly TRequest _request;
    private GrainId _grainId;

    public GrainCallMessage(TRequest request, CallContext context, long deadline)
    {
        _request = request;
        _context = context;
        _deadline = deadline;
    }

    public override GrainMethodOptions Options => TRequest.Method.Options;

    public override bool IsExpired(long nowTimestamp) => nowTimestamp > _deadline;

    public override void Start(Activation activation)
    {
        ValueTask<TResult> call;
        try
        {
            call = _request.Invoke(activation.Grain);
        }
        catch (Exception e)
        {
            call = ValueTask.FromException<TResult>(e);
        }

        Track(activation, call);
    }

    /// <summary>Follows a call that has started, until it ends. The ValueTask is consumed exactly once.</summary>
    public void Track(Activation activation, ValueTask<TResult> call)
    {
        if (!call.IsCompleted)
        {
            _ = AwaitAsync(activation, call);
            return;
        }

        TResult result;
        try
        {
            result = call.Result;
        }
        catch (Exception e)
        {
            Fail(activation, e);
            return;
        }

        Succeed(activation, result);
    }

    private async Task AwaitAsync(Activation activation, ValueTask<TResult> call)
    {
        TResult result;
        try
        {
            result = await call.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(activation, e);
            return;
        }

        Succeed(activation, result);
    }

    private void Fail(Activation activation, Exception exception)
    {
        activation.OnWorkCompleted(this, exception);
        _completion.TrySetException(exception);
        PendingCalls.Remove(this);
    }

    private void Succeed(Activation activation, TResult result)
    {
        // A mutable result is copied before the turn ends, while no other call can be changing it.
        Exception? copyFailure = null;
        try
        {
            result = TRequest.Method.ResultNeedsCopy ? _context.Copier.Copy(result) : result;
        }
        catch (Exception e)
        {
            copyFailure = e;
        }

        activation.OnWorkCompleted(this, null);
        if (copyFailure is null)
        {
            _completion.TrySetResult(result);
        }
        else
        {
            _completion.TrySetException(copyFailure);
        }

        PendingCalls.Remove(this);
    }

    public override void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        PendingCalls.Remove(this);
    }

    public override void Redirect(GrainCatalog catalog, GrainId grainId)
    {
        try
        {
            catalog.GetOrCreateActivation(grainId).Enqueue(this);
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    /// <summary>
    /// The caller's view of the call, ending in a <see cref="TimeoutException"/> if it takes too long: the silo's
    /// <see cref="PendingCalls"/> watches it until it ends.
    /// </summary>
    public Task<TResult> ResultTask(GrainId grainId)
    {
        var task = _completion.Task;
        if (_context.CallTimeout == Timeout.InfiniteTimeSpan || task.IsCompleted)
        {
            return task;
        }

        _grainId = grainId;
        AnswerDeadline = _context.Deadline();
        _context.PendingCalls.Add(this);

        // It may have ended on another thread before it was watched. Ending completes the task before it removes the
        // call, so either that removal or this one finds it.
        if (task.IsCompleted)
        {
            PendingCalls.Remove(this);
        }

        return task;
    }

    public override void TimeOut() =>
        _completion.TrySetException(new TimeoutException(
            $"The call to {TRequest.Method} on grain {_grainId} did not answer within {_context.CallTimeout.TotalSeconds:0.###} s " +
            "(Weft:Silo:CallTimeout)."));
}
