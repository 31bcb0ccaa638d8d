namespace Weft.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantTurnGrain : TurnGrainBase, IReentrantTurnGrain;
