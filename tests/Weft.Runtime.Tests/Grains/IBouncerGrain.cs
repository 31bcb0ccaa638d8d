namespace Weft.Runtime.Tests.Grains;

/// <summary>Asks for deactivation, then needs a call back into itself before its call can end.</summary>
public interface IBouncerGrain : IGrainWithStringKey
{
    Task<string> DeactivateThenBounceOff(string otherKey);

    Task<string> CallBack(string bouncerKey);

    [AlwaysInterleave]
    Task<string> Ping();

    Task StartTimerReturningNull();
}
