using Weft.Testing;
using Xunit;

namespace Weft.Persistence.Tests.Support;

public sealed class EventuallyTests
{
    [Fact]
    public async Task WaitUntil_returns_once_the_condition_holds()
    {
        var polls = 0;

        await Eventually.WaitUntilAsync(() => ++polls >= 3, "the third poll");

        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task WaitUntil_fails_at_the_deadline_saying_what_it_waited_for()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Eventually.WaitUntilAsync(() => false, "a condition that never holds", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("a condition that never holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletesWithin_passes_results_and_exceptions_through_and_fails_a_task_that_runs_on()
    {
        Assert.Equal(42, await Eventually.CompletesWithinAsync(Task.FromResult(42), TimeSpan.FromSeconds(1), "a finished task"));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Eventually.CompletesWithinAsync(Task.FromException(new InvalidOperationException()), TimeSpan.FromSeconds(1), "a failed task"));
        var never = new TaskCompletionSource();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Eventually.CompletesWithinAsync(never.Task, TimeSpan.FromMilliseconds(50), "a task that never ends"));

        Assert.Contains("a task that never ends", error.Message, StringComparison.Ordinal);
    }
}
