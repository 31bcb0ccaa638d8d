namespace Weft.Bench.Grains;

/// <summary>A grain that persists about 1 KB of JSON on every write.</summary>
public interface IDocGrain : IGrainWithIntegerKey
{
    /// <summary>Changes the document and writes it to storage; returns the new revision.</summary>
    Task<long> Write();
}
