using System.Collections.Concurrent;

namespace Weft.Runtime.Tests.Grains;

/// <summary>Throws on demand; its activation fails as many times as a test asks (keyed by grain key).</summary>
public sealed class FaultyGrain : Grain, IFaultyGrain
{
    public static readonly ConcurrentDictionary<string, int> ActivationFailuresLeft = new();

    /// <summary>Activation of a grain whose key is here waits for the task, so tests can queue calls behind it.</summary>
    public static readonly ConcurrentDictionary<string, Task> ActivationGates = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        Probe.Record(key, "activate");
        await (ActivationGates.TryGetValue(key, out var gate) ? gate : Task.CompletedTask);
        await Task.Yield();
        if (ActivationFailuresLeft.TryGetValue(key, out var left) && left > 0)
        {
            ActivationFailuresLeft[key] = left - 1;
            throw new InvalidOperationException("activation refused: " + key);
        }
    }

    public Task ThrowNow(string message) => throw new ArgumentOutOfRangeException(nameof(message), message);

    public async Task ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new FormatException(message);
    }

    public ValueTask<int> ThrowFromValueTask(string message) => ValueTask.FromException<int>(new KeyNotFoundException(message));

    public Task<string> Hello() => Task.FromResult("hello from " + GetPrimaryKeyString());

    public Task Hang() => new TaskCompletionSource().Task;
}
