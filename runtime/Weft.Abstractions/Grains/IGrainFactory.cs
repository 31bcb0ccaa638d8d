namespace Weft;

/// <summary>Creates typed references to grains. References are cheap, can be kept, and work from grains, hosts and tests.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given string key.</summary>
    /// <exception cref="ArgumentException">The key is longer than 1,024 UTF-8 bytes or is not valid UTF-16.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;

    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given Guid key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey;
}
