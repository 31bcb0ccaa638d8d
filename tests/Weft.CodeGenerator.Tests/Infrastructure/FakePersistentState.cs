namespace Weft.CodeGenerator.Tests.Infrastructure;

internal sealed class FakePersistentState<TState> : IPersistentState<TState>
{
    public TState State { get; set; } = default!;

    public string? Etag => null;

    public bool RecordExists => false;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ClearStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
