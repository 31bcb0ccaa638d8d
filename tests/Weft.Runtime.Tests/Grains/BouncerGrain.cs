namespace Weft.Runtime.Tests.Grains;

public sealed class BouncerGrain : Grain, IBouncerGrain
{
    public async Task<string> DeactivateThenBounceOff(string otherKey)
    {
        DeactivateOnIdle();
        return await GrainFactory.GetGrain<IBouncerGrain>(otherKey).CallBack(GetPrimaryKeyString());
    }

    public Task<string> CallBack(string bouncerKey) => GrainFactory.GetGrain<IBouncerGrain>(bouncerKey).Ping();

    public Task<string> Ping() => Task.FromResult("pong from " + GetPrimaryKeyString());

    public Task StartTimerReturningNull()
    {
        var key = GetPrimaryKeyString();
        RegisterGrainTimer(
            _ =>
            {
                Probe.Record(key, "tick");
                return null!;
            },
            new GrainTimerOptions(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }
}
