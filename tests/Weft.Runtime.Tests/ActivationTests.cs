using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;

namespace Weft.Runtime.Tests;

[Collection(SharedSiloCollection.Name)]
public sealed class ActivationTests(SharedSiloFixture fixture)
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Concurrent_first_calls_activate_the_grain_once()
    {
        var key = NewKey();
        var calls = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(() => fixture.GrainFactory.GetGrain<IFaultyGrain>(key).Hello()))
            .ToArray();

        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.Equal("hello from " + key, a));
        Assert.Equal(1, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task References_with_the_same_key_reach_the_same_activation()
    {
        var key = NewKey();
        var first = fixture.GrainFactory.GetGrain<IEchoGrain>(key);
        var second = fixture.GrainFactory.GetGrain<IEchoGrain>(key);
        var snapshot = new Snapshot("x", 1);

        await first.Remember(snapshot);

        Assert.True(await second.IsSameInstanceAsLast(snapshot));
    }

    [Fact]
    public async Task Exception_thrown_synchronously_reaches_the_caller_with_its_type_and_message()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(key);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.ThrowNow("bad value 7"));

        Assert.Contains("bad value 7", error.Message);
        Assert.Equal("hello from " + key, await grain.Hello());
    }

    [Fact]
    public async Task Exception_thrown_after_an_await_reaches_the_caller_with_its_type_and_message()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(NewKey());

        var error = await Assert.ThrowsAsync<FormatException>(() => grain.ThrowAfterAwait("late failure"));
        var fromValueTask = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await grain.ThrowFromValueTask("no such thing"));

        Assert.Equal("late failure", error.Message);
        Assert.Equal("no such thing", fromValueTask.Message);
    }

    [Fact]
    public async Task Exception_in_OnActivateAsync_fails_the_call_and_leaves_no_activation_behind()
    {
        var key = NewKey();
        FaultyGrain.ActivationFailuresLeft[key] = 1;
        var gate = new TaskCompletionSource();
        FaultyGrain.ActivationGates[key] = gate.Task;
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(key);
        var countBefore = fixture.Silo.Catalog.Activations.Count(a => a.GrainId.Key == key);

        var call = grain.Hello();
        gate.SetResult();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        var countAfterFailure = fixture.Silo.Catalog.Activations.Count(a => a.GrainId.Key == key);
        var answer = await grain.Hello();

        Assert.Equal("activation refused: " + key, error.Message);
        Assert.Equal(0, countBefore);
        Assert.Equal(0, countAfterFailure);
        Assert.Equal("hello from " + key, answer);
        Assert.Equal(2, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task Queued_calls_fail_with_the_activation_exception()
    {
        var key = NewKey();
        FaultyGrain.ActivationFailuresLeft[key] = 1;
        var gate = new TaskCompletionSource();
        FaultyGrain.ActivationGates[key] = gate.Task;
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(key);

        // Every call is queued before the activation may go on (a call made after a failed activation would simply
        // start a new one).
        var calls = Enumerable.Range(0, 10).Select(_ => grain.Hello()).ToList();
        gate.SetResult();
        var errors = await Task.WhenAll(calls.Select(c => Assert.ThrowsAsync<InvalidOperationException>(() => c)));

        Assert.All(errors, e => Assert.Equal("activation refused: " + key, e.Message));
        Assert.Equal("hello from " + key, await grain.Hello());
    }

    [Fact]
    public async Task Grains_call_other_grains()
    {
        var grain = fixture.GrainFactory.GetGrain<IEchoGrain>(NewKey());

        Assert.Equal("other", await grain.CallOther("other"));
    }

    [Fact]
    public async Task Integer_and_Guid_keys_round_trip()
    {
        var id = Guid.NewGuid();

        Assert.Equal(-42L, await fixture.GrainFactory.GetGrain<INumberedGrain>(-42).Key());
        Assert.Equal(long.MaxValue, await fixture.GrainFactory.GetGrain<INumberedGrain>(long.MaxValue).Key());
        Assert.Equal(id, await fixture.GrainFactory.GetGrain<IGuidGrain>(id).Key());
    }

    [Theory]
    [InlineData("naïve café")]
    [InlineData("用户名-ユーザー-사용자")]
    [InlineData("مرحبا بالعالم")]
    [InlineData("👩‍👩‍👧‍👦🏳️‍🌈")]
    [InlineData("e\u0301\u0327")]
    [InlineData("tab\tnewline\nnull\0end")]
    [InlineData("")]
    public async Task Unicode_string_keys_work(string key)
    {
        var grain = fixture.GrainFactory.GetGrain<IEchoGrain>(key);

        Assert.Equal(key, await grain.Key());
    }

    [Fact]
    public async Task A_key_of_exactly_1024_utf8_bytes_works_and_1025_is_rejected()
    {
        var longest = new string('€', 341) + "a"; // 341 × 3 bytes + 1 = 1,024 bytes
        var tooLong = longest + "b";

        Assert.Equal(longest, await fixture.GrainFactory.GetGrain<IEchoGrain>(longest).Key());
        var error = Assert.Throws<ArgumentException>(() => fixture.GrainFactory.GetGrain<IEchoGrain>(tooLong));
        Assert.Contains("1025 bytes", error.Message);
    }

    [Fact]
    public void A_key_with_an_unpaired_surrogate_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.GrainFactory.GetGrain<IEchoGrain>("bad\uD800key"));

        Assert.Contains("unpaired surrogate", error.Message);
    }

    [Fact]
    public void A_null_key_is_rejected()
        => Assert.Throws<ArgumentNullException>(() => fixture.GrainFactory.GetGrain<IEchoGrain>(null!));
}
