namespace Weft.Grains.Data;

/// <summary>
/// Runs a store's schema creation once before its first use, thread-safe: callers that arrive while it runs wait for
/// it; a failure (or the first caller's cancellation) leaves it to be tried again by the next call.
/// </summary>
internal sealed class SchemaOnce(Func<CancellationToken, Task> create) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>Completes at once when the schema is known to exist; otherwise creates it.</summary>
    public ValueTask EnsureAsync(CancellationToken cancellationToken) =>
        _done ? ValueTask.CompletedTask : new ValueTask(RunAsync(cancellationToken));

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await create(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
