namespace Weft.Bench.Grains;

/// <summary>A stream subscriber of the fan-out benchmark; it receives <see cref="FanoutEvent"/>s.</summary>
public interface IFanoutSubscriberGrain : IGrainWithIntegerKey
{
    /// <summary>How many events this activation has received.</summary>
    ValueTask<long> Received();
}
