namespace Weft.Runtime.Tests.Grains;

public interface ITurnGrain : ITurnProbe;
