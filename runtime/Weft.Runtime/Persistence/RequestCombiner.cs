namespace Weft.Runtime.Persistence;

/// <summary>
/// Combines concurrent requests to a database into batches, so that many callers share one round trip: a request that
/// arrives while <paramref name="maxBatchesInFlight"/> batches are running waits and goes with the next batch; a lone
/// request runs at once. Each batch's failure is every one of its requests' failure.
/// </summary>
/// <remarks>
/// Under load, one query per caller spends most of its cost on the protocol, the round trip and the thread hops around
/// it, on both sides; a batch of n pays that once. Storage providers use this for the statements hot paths issue by
/// the thousand (grain state reads on activation, the social index's writes and follower reads of fan-out).
/// </remarks>
/// <typeparam name="TRequest">One caller's request.</typeparam>
/// <typeparam name="TResult">One caller's answer.</typeparam>
/// <param name="runBatch">Runs the requests as one batch and returns one answer per request, in order.</param>
/// <param name="maxBatchSize">The most requests in one batch.</param>
/// <param name="maxBatchesInFlight">How many batches may run at once.</param>
public sealed class RequestCombiner<TRequest, TResult>(
    Func<IReadOnlyList<TRequest>, Task<TResult[]>> runBatch,
    int maxBatchSize = 256,
    int maxBatchesInFlight = 1)
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _waiting = [];
    private readonly int _maxBatchSize = maxBatchSize > 0 ? maxBatchSize : throw new ArgumentOutOfRangeException(nameof(maxBatchSize));
    private readonly int _maxBatchesInFlight = maxBatchesInFlight > 0 ? maxBatchesInFlight : throw new ArgumentOutOfRangeException(nameof(maxBatchesInFlight));
    private int _running;

    /// <summary>Runs <paramref name="request"/> in the next batch; cancelling stops the wait, not the batch.</summary>
    public Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(request);
        bool start;
        lock (_gate)
        {
            _waiting.Add(pending);
            start = _running < _maxBatchesInFlight;
            if (start)
            {
                _running++;
            }
        }

        if (start)
        {
            _ = DrainAsync();
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>Runs waiting requests, batch after batch, until none wait. Never throws: failures go to the callers.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            Pending[] batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _running--;
                    return;
                }

                var take = Math.Min(_waiting.Count, _maxBatchSize);
                batch = new Pending[take];
                _waiting.CopyTo(0, batch, 0, take);
                _waiting.RemoveRange(0, take);
            }

            var requests = new TRequest[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                requests[i] = batch[i].Request;
            }

            try
            {
                var results = await runBatch(requests).ConfigureAwait(false);
                if (results.Length != batch.Length)
                {
                    throw new InvalidOperationException($"A batch of {batch.Length} requests returned {results.Length} results.");
                }

                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        // Asynchronous continuations: a caller's code must not run inside the drain loop and hold up the next batch.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
