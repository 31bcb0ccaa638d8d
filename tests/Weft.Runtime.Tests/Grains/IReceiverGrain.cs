namespace Weft.Runtime.Tests.Grains;

/// <summary>A stream consumer that reports what it accepted (after dropping duplicates), in order.</summary>
public interface IReceiverGrain : IGrainWithStringKey
{
    Task<string[]> Accepted();
}
