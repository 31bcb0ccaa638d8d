namespace Weft.Runtime.Tests.Grains;

/// <summary>A string-keyed grain that records its activations and deactivations (with the reason) in the probe.</summary>
public abstract class ProbedGrain : Grain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(GetPrimaryKeyString(), "deactivate:" + reason);
        return Task.CompletedTask;
    }
}
