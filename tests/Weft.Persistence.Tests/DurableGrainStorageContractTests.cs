using Xunit;

namespace Weft.Persistence.Tests;

/// <summary>The contract of providers whose records outlive the provider instance (a silo restart).</summary>
public abstract class DurableGrainStorageContractTests : GrainStorageContractTests
{
    [Fact]
    public async Task Records_and_tombstones_survive_a_new_provider_instance()
    {
        var kept = await Storage.WriteAsync(Key("kept"), Bytes("survives"), null, CancellationToken.None);
        var written = await Storage.WriteAsync(Key("cleared"), Bytes("gone"), null, CancellationToken.None);
        var cleared = await Storage.ClearAsync(Key("cleared"), written, CancellationToken.None);
        await DisposeStorageAsync(Storage);

        var restarted = await NewStorageAsync();

        var stored = await restarted.ReadAsync(Key("kept"), CancellationToken.None);
        Assert.Equal(Bytes("survives"), stored!.Data);
        Assert.Equal(kept, stored.Etag);
        var tombstone = await restarted.ReadAsync(Key("cleared"), CancellationToken.None);
        Assert.Null(tombstone!.Data);
        Assert.Equal(cleared, tombstone.Etag);
        var next = await restarted.WriteAsync(Key("kept"), Bytes("after restart"), kept, CancellationToken.None);
        Assert.NotEqual(kept, next);
        await Assert.ThrowsAsync<InconsistentStateException>(() => restarted.WriteAsync(Key("cleared"), Bytes("stale"), written, CancellationToken.None));
    }

    private static async Task DisposeStorageAsync(IGrainStorage storage)
    {
        switch (storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
