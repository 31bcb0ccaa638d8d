namespace Weft.Runtime.Tests.Grains;

public interface IExplicitReceiverGrain : IReceiverGrain;
