namespace Weft.Bench.Grains;

/// <summary>Mutates its state and writes it on every call.</summary>
public sealed class DocGrain([PersistentState("doc")] IPersistentState<DocState> doc) : Grain, IDocGrain
{
    public async Task<long> Write()
    {
        var state = doc.State;
        state.Revision++;
        state.Touched = DateTimeOffset.UtcNow;
        await doc.WriteStateAsync();
        return state.Revision;
    }
}
