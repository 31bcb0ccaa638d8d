namespace Weft.Runtime.Tests.Grains;

/// <summary>A grain whose class asks for a shorter idle age than the silo's; records its lifecycle in the probe.</summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain : ProbedGrain, IShortLivedGrain
{
    public ValueTask Touch() => ValueTask.CompletedTask;
}
