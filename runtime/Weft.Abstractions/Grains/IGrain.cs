namespace Weft;

/// <summary>Marks a type whose instances can be addressed by the runtime (grain references).</summary>
public interface IAddressable;

/// <summary>Base of every grain interface. Grain interfaces derive from one of the keyed variants.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain addressed by a string key (any Unicode string up to 1,024 UTF-8 bytes).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;

/// <summary>A grain addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;
