namespace Weft.Runtime.Tests.Grains;

public interface IReentrantTurnGrain : ITurnProbe;
