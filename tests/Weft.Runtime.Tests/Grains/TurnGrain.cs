namespace Weft.Runtime.Tests.Grains;

public sealed class TurnGrain : TurnGrainBase, ITurnGrain;
