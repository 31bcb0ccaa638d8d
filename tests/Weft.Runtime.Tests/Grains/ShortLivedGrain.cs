namespace Weft.Runtime.Tests.Grains;

/// <summary>A grain whose class asks for a shorter idle age than the silo's; records its lifecycle in the probe.</summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
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

    public ValueTask Touch() => ValueTask.CompletedTask;
}
