namespace Weft.CodeGenerator.Tests.Infrastructure;

/// <summary>Just enough of an activation for a generated factory to construct a grain.</summary>
internal sealed class FakeGrainContext(IServiceProvider services) : GrainContext
{
    public List<(string StateName, string StorageName, Type StateType)> RequestedStates { get; } = [];

    public override GrainId GrainId { get; } = new("test", "1");

    public override IGrainFactory GrainFactory => throw new NotSupportedException();

    public override Weft.Streams.IStreamProvider GetStreamProvider(string name) => throw new NotSupportedException();

    public override IServiceProvider Services { get; } = services;

    public override void DeactivateOnIdle() => throw new NotSupportedException();

    public override IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options)
        => throw new NotSupportedException();

    public override IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName)
    {
        RequestedStates.Add((stateName, storageName, typeof(TState)));
        return new FakePersistentState<TState>();
    }

    /// <summary>Makes this the current activation until disposed, as the runtime does while constructing a grain.</summary>
    public IDisposable Enter()
    {
        var previous = SetCurrent(this);
        return new Restore(previous);
    }

    private sealed class Restore(GrainContext? previous) : IDisposable
    {
        public void Dispose() => SetCurrent(previous);
    }
}
