namespace Weft.Runtime.Tests.Grains;

public interface IInboxGrain : IReceiverGrain;
