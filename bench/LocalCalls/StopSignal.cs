namespace Weft.Bench.LocalCalls;

/// <summary>Tells looping callers to finish; read between batches of calls, never per call.</summary>
internal sealed class StopSignal
{
    private volatile bool _isSet;

    public bool IsSet => _isSet;

    public void Set() => _isSet = true;
}
