namespace Weft.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithStringKey
{
    Task ThrowNow(string message);

    Task ThrowAfterAwait(string message);

    ValueTask<int> ThrowFromValueTask(string message);

    Task<string> Hello();

    Task Hang();
}
