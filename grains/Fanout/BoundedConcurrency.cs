namespace Weft.Grains.Fanout;

/// <summary>Runs an action over items with at most a given number in flight, inside the calling grain's turn.</summary>
internal static class BoundedConcurrency
{
    /// <summary>
    /// Starts up to <paramref name="concurrency"/> workers that take the next item in turn. Continuations run on the
    /// grain's scheduler one at a time, so the shared index needs no lock. Every item is attempted; the first failure
    /// is rethrown at the end (the stream then redelivers, and every step is idempotent).
    /// </summary>
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action)
    {
        if (items.Count == 0)
        {
            return;
        }

        var next = 0;
        Exception? failure = null;
        var workers = new Task[Math.Min(concurrency, items.Count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = WorkAsync();
        }

        await Task.WhenAll(workers);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        async Task WorkAsync()
        {
            while (next < items.Count)
            {
                var item = items[next++];
                try
                {
                    await action(item);
                }
                catch (Exception e)
                {
                    failure ??= e;
                }
            }
        }
    }
}
