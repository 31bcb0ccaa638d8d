using System.Diagnostics;

namespace Weft.Testing;

/// <summary>
/// Waits for a condition with a deadline, failing with a message that says what was awaited. Tests use this instead
/// of sleeping and hoping.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public static Task WaitUntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), description, timeout);
    }

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.###} s for {description}, but it never happened.");
            }

            await Task.Delay(s_pollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing if it has not completed within <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It was still running at the deadline.</exception>
    public static async Task CompletesWithinAsync(Task task, TimeSpan timeout, string description)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) != task)
        {
            throw new TimeoutException($"{description} was still running after {timeout.TotalSeconds:0.###} s.");
        }

        await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/>, failing if it has not completed within <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It was still running at the deadline.</exception>
    public static async Task<T> CompletesWithinAsync<T>(Task<T> task, TimeSpan timeout, string description)
    {
        await CompletesWithinAsync((Task)task, timeout, description).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
}
