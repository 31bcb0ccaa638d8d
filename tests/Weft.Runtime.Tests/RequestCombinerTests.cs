using Weft.Runtime.Persistence;

namespace Weft.Runtime.Tests;

/// <summary>Concurrent requests share batches; each caller gets its own answer, and a batch's failure is each of its callers'.</summary>
public sealed class RequestCombinerTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_request_runs_at_once_in_a_batch_of_its_own()
    {
        var batches = new List<int[]>();
        var combiner = new RequestCombiner<int, string>(requests =>
        {
            batches.Add([.. requests]);
            return Task.FromResult(requests.Select(r => $"answer {r}").ToArray());
        });

        Assert.Equal("answer 7", await combiner.RunAsync(7).WaitAsync(s_deadline));
        Assert.Equal([[7]], batches);
    }

    [Fact]
    public async Task Requests_arriving_while_a_batch_runs_go_together_in_the_next_one_each_with_its_own_answer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int[]>();
        var combiner = new RequestCombiner<int, int>(async requests =>
        {
            lock (batches)
            {
                batches.Add([.. requests]);
            }

            if (requests[0] == 0)
            {
                await release.Task;
            }

            return [.. requests.Select(r => r * 10)];
        });

        var first = combiner.RunAsync(0);
        var waiting = Enumerable.Range(1, 5).Select(i => combiner.RunAsync(i)).ToArray();
        Assert.DoesNotContain(waiting, w => w.IsCompleted);
        release.SetResult();

        Assert.Equal(0, await first.WaitAsync(s_deadline));
        var answers = await Task.WhenAll(waiting).WaitAsync(s_deadline);
        Assert.Equal([10, 20, 30, 40, 50], answers);
        Assert.Equal([[0], [1, 2, 3, 4, 5]], batches);
    }

    [Fact]
    public async Task Batches_hold_at_most_the_maximum_size()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sizes = new List<int>();
        var combiner = new RequestCombiner<int, int>(
            async requests =>
            {
                lock (sizes)
                {
                    sizes.Add(requests.Count);
                }

                await release.Task;
                return [.. requests];
            },
            maxBatchSize: 3);

        var all = Enumerable.Range(0, 8).Select(i => combiner.RunAsync(i)).ToArray();
        release.SetResult();

        Assert.Equal(Enumerable.Range(0, 8), await Task.WhenAll(all).WaitAsync(s_deadline));
        Assert.Equal([1, 3, 3, 1], sizes);
    }

    [Fact]
    public async Task A_failed_batch_fails_each_of_its_requests_and_the_next_batch_still_runs()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var combiner = new RequestCombiner<int, int>(async requests =>
        {
            if (requests[0] == 0)
            {
                await release.Task;
                return [-1];
            }

            return requests.Contains(2) ? throw new InvalidOperationException("batch failed") : [.. requests];
        });

        var first = combiner.RunAsync(0);
        var failing = new[] { combiner.RunAsync(1), combiner.RunAsync(2) };
        release.SetResult();

        Assert.Equal(-1, await first.WaitAsync(s_deadline));
        foreach (var request in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => request.WaitAsync(s_deadline));
            Assert.Equal("batch failed", error.Message);
        }

        Assert.Equal(3, await combiner.RunAsync(3).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task A_batch_answering_the_wrong_number_of_results_fails_its_requests()
    {
        var combiner = new RequestCombiner<int, int>(_ => Task.FromResult(new[] { 1, 2 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => combiner.RunAsync(1).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task Cancelling_a_wait_leaves_the_batch_running_for_the_others()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var combiner = new RequestCombiner<int, int>(async requests =>
        {
            await release.Task;
            return [.. requests];
        });
        using var cancel = new CancellationTokenSource();

        var first = combiner.RunAsync(1, cancel.Token);
        var second = combiner.RunAsync(2);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();
        Assert.Equal(2, await second.WaitAsync(s_deadline));
    }
}
