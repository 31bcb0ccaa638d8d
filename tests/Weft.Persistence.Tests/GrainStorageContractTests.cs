using System.Globalization;
using System.Text;
using Xunit;

namespace Weft.Persistence.Tests;

/// <summary>
/// The contract every grain storage provider keeps. Each provider's test class derives from this (or from
/// <see cref="DurableGrainStorageContractTests"/>) and says only how to create a provider.
/// </summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    /// <summary>The provider name used in tests, so messages must name <c>Weft:Storage:Default</c>.</summary>
    protected const string ProviderName = "Default";

    protected const string DefaultTable = "grain_state";

    private readonly List<IGrainStorage> _created = [];

    // Each test (xunit makes a new instance per test) writes under its own grain type, so tests sharing one database
    // or file never see each other's records.
    private readonly string _grainType = "test-" + Guid.NewGuid().ToString("N");

    protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>Creates a provider over the class's store, using <paramref name="table"/>; not yet initialized.</summary>
    protected abstract IGrainStorage CreateStorage(string table);

    public virtual async Task InitializeAsync() => Storage = await NewStorageAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _created)
        {
            switch (storage)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Creates and initializes a provider; disposed after the test.</summary>
    protected async Task<IGrainStorage> NewStorageAsync(string table = DefaultTable, bool initialize = true)
    {
        var storage = CreateStorage(table);
        _created.Add(storage);
        if (initialize)
        {
            await storage.InitializeAsync(CancellationToken.None);
        }

        return storage;
    }

    protected GrainStateKey Key(string grainKey = "key", string stateName = "state") => new(_grainType, grainKey, stateName);

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Concurrent_reads_of_many_keys_each_get_their_own_state_or_null()
    {
        // Providers may combine concurrent reads into one query; every caller must still get exactly its own row.
        var etags = new Dictionary<int, string>();
        for (var i = 0; i < 200; i += 2)
        {
            etags[i] = await Storage.WriteAsync(Key($"k{i}"), Bytes($"state {i}"), null, CancellationToken.None);
        }

        var reads = Enumerable.Range(0, 200).Select(i => Storage.ReadAsync(Key($"k{i}"), CancellationToken.None)).ToList();
        reads.Add(Storage.ReadAsync(Key("k10"), CancellationToken.None));
        var states = await Task.WhenAll(reads);

        for (var i = 0; i < 200; i++)
        {
            var stored = states[i];
            if (i % 2 == 0)
            {
                Assert.Equal(Bytes($"state {i}"), stored!.Data);
                Assert.Equal(etags[i], stored.Etag);
            }
            else
            {
                Assert.Null(stored);
            }
        }

        Assert.Equal(Bytes("state 10"), states[200]!.Data);
    }

    [Fact]
    public async Task Reading_a_record_never_written_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(Key(), CancellationToken.None));
    }

    [Fact]
    public async Task First_write_round_trips_every_byte_and_the_etag()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Bytes("{\"name\":\"\\u0000 é 😀\"}")).ToArray();

        var etag = await Storage.WriteAsync(Key(), data, etag: null, CancellationToken.None);

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(data, stored.Data);
        Assert.Equal(etag, stored.Etag);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task An_empty_payload_is_stored_as_empty_not_as_cleared()
    {
        var etag = await Storage.WriteAsync(Key(), ReadOnlyMemory<byte>.Empty, etag: null, CancellationToken.None);

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.NotNull(stored.Data);
        Assert.Empty(stored.Data);
        Assert.Equal(etag, stored.Etag);
    }

    [Fact]
    public async Task Each_write_gets_a_new_etag_that_the_next_write_must_present()
    {
        var first = await Storage.WriteAsync(Key(), Bytes("1"), null, CancellationToken.None);
        var second = await Storage.WriteAsync(Key(), Bytes("2"), first, CancellationToken.None);
        var third = await Storage.WriteAsync(Key(), Bytes("3"), second, CancellationToken.None);

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("3"), stored!.Data);
        Assert.Equal(third, stored.Etag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_and_leaves_the_stored_data_unchanged()
    {
        var first = await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        var second = await Storage.WriteAsync(Key(), Bytes("v2"), first, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(Key(), Bytes("v3"), first, CancellationToken.None));

        Assert.Contains(Key().ToString(), conflict.Message, StringComparison.Ordinal);
        Assert.Contains("reload", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(first, conflict.CurrentEtag);
        Assert.Equal(second, conflict.StoredEtag);
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("v2"), stored!.Data);
        Assert.Equal(second, stored.Etag);
    }

    [Fact]
    public async Task Write_with_an_etag_where_no_record_exists_throws()
    {
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(Key(), Bytes("v"), "1", CancellationToken.None));

        Assert.Null(conflict.StoredEtag);
        Assert.Null(await Storage.ReadAsync(Key(), CancellationToken.None));
    }

    [Fact]
    public async Task First_write_over_an_existing_record_throws_and_keeps_it()
    {
        var etag = await Storage.WriteAsync(Key(), Bytes("original"), null, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(Key(), Bytes("second first write"), null, CancellationToken.None));

        Assert.Equal(etag, conflict.StoredEtag);
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("original"), stored!.Data);
        Assert.Equal(etag, stored.Etag);
    }

    [Fact]
    public async Task Twenty_racing_first_writes_let_exactly_one_succeed()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (Writer: i, Etag: await Storage.WriteAsync(Key(), Bytes($"writer {i}"), null, CancellationToken.None));
            }
            catch (InconsistentStateException)
            {
                return (Writer: i, Etag: (string?)null);
            }
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(writers);

        var winner = Assert.Single(results, r => r.Etag is not null);
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes($"writer {winner.Writer}"), stored!.Data);
        Assert.Equal(winner.Etag, stored.Etag);
    }

    [Fact]
    public async Task A_thousand_concurrent_read_modify_write_increments_lose_none()
    {
        const int Increments = 1000;
        await Storage.WriteAsync(Key(), Bytes("0"), null, CancellationToken.None);

        // All 1,000 start at once; 32 hold a connection at a time (as 32 busy grains would), so the test measures
        // correctness under contention rather than how long 1,000 callers queue on one row lock.
        using var inFlight = new SemaphoreSlim(32);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var incrementers = Enumerable.Range(0, Increments).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            while (true)
            {
                await inFlight.WaitAsync();
                try
                {
                    var current = await Storage.ReadAsync(Key(), CancellationToken.None);
                    var value = int.Parse(Encoding.UTF8.GetString(current!.Data!), CultureInfo.InvariantCulture);
                    await Storage.WriteAsync(Key(), Bytes((value + 1).ToString(CultureInfo.InvariantCulture)), current.Etag, CancellationToken.None);
                    return;
                }
                catch (InconsistentStateException)
                {
                    // Lost the race: read the new value and try again, as an activation does after reloading.
                }
                finally
                {
                    inFlight.Release();
                }
            }
        })).ToList();

        start.SetResult();
        await Task.WhenAll(incrementers);

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal("1000", Encoding.UTF8.GetString(stored!.Data!));
    }

    [Fact]
    public async Task Clear_leaves_a_tombstone_that_later_writes_continue_from()
    {
        var beforeClear = await Storage.WriteAsync(Key(), Bytes("alive"), null, CancellationToken.None);

        var cleared = await Storage.ClearAsync(Key(), beforeClear, CancellationToken.None);

        Assert.NotNull(cleared);
        Assert.NotEqual(beforeClear, cleared);
        var tombstone = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.NotNull(tombstone);
        Assert.Null(tombstone.Data);
        Assert.Equal(cleared, tombstone.Etag);

        var rewritten = await Storage.WriteAsync(Key(), Bytes("alive again"), cleared, CancellationToken.None);
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("alive again"), stored!.Data);
        Assert.Equal(rewritten, stored.Etag);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_never_matches_a_later_record()
    {
        var beforeClear = await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        var cleared = await Storage.ClearAsync(Key(), beforeClear, CancellationToken.None);

        // A record written afresh after the clear must not accept the pre-clear ETag (no ABA).
        var afterClear = await Storage.WriteAsync(Key(), Bytes("v2"), cleared, CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(Key(), Bytes("stale"), beforeClear, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(Key(), beforeClear, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(Key(), Bytes("stale"), null, CancellationToken.None));

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("v2"), stored!.Data);
        Assert.Equal(afterClear, stored.Etag);
        Assert.Equal(3, new[] { beforeClear, cleared, afterClear }.Distinct().Count());
    }

    [Fact]
    public async Task Clearing_a_tombstone_again_moves_its_etag_on()
    {
        var written = await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        var cleared = await Storage.ClearAsync(Key(), written, CancellationToken.None);

        var clearedAgain = await Storage.ClearAsync(Key(), cleared, CancellationToken.None);

        Assert.NotNull(clearedAgain);
        Assert.NotEqual(cleared, clearedAgain);
        var tombstone = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Null(tombstone!.Data);
        Assert.Equal(clearedAgain, tombstone.Etag);
    }

    [Fact]
    public async Task Clear_with_no_etag_where_no_record_exists_does_nothing()
    {
        Assert.Null(await Storage.ClearAsync(Key(), null, CancellationToken.None));
        Assert.Null(await Storage.ReadAsync(Key(), CancellationToken.None));
    }

    [Fact]
    public async Task Clear_with_no_etag_over_an_existing_record_throws_and_keeps_it()
    {
        var etag = await Storage.WriteAsync(Key(), Bytes("keep me"), null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(Key(), null, CancellationToken.None));

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("keep me"), stored!.Data);
        Assert.Equal(etag, stored.Etag);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_data()
    {
        var first = await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        var second = await Storage.WriteAsync(Key(), Bytes("v2"), first, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(Key(), first, CancellationToken.None));

        Assert.Contains(Key().ToString(), conflict.Message, StringComparison.Ordinal);
        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("v2"), stored!.Data);
        Assert.Equal(second, stored.Etag);
    }

    [Theory]
    [InlineData("not-a-version")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("99999999999999999999999")]
    [InlineData("\"1\"")]
    public async Task A_malformed_etag_is_an_inconsistent_state_not_a_crash(string etag)
    {
        var real = await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(Key(), Bytes("v2"), etag, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(Key(), etag, CancellationToken.None));

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("v1"), stored!.Data);
        Assert.Equal(real, stored.Etag);
    }

    private static readonly string[] s_awkwardKeys =
    [
        "plain",
        "Plain",
        "plain ",
        "",
        "😀",
        "🧵🪡 thread and needle",
        "中文键",
        "日本語のキー",
        "עברית",
        "مرحبا بالعالم",
        "\u202Eright-to-left override",
        "e\u0301", // e + combining acute: must stay distinct from the precomposed é
        "\u00E9",
        "a\u0000b",
        "a\u0000",
        "\u0000",
        "a",
        "line\nbreak\ttab",
        "quote'\"\\back",
        new string('k', 1024),
        string.Concat(Enumerable.Repeat("😀", 256)), // 1,024 UTF-8 bytes of four-byte characters
    ];

    [Fact]
    public async Task Unicode_nul_and_long_keys_round_trip_and_stay_distinct()
    {
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(s_awkwardKeys[^1]));
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < s_awkwardKeys.Length; i++)
        {
            etags[s_awkwardKeys[i]] = await Storage.WriteAsync(Key(s_awkwardKeys[i]), Bytes($"value {i}"), null, CancellationToken.None);
        }

        for (var i = 0; i < s_awkwardKeys.Length; i++)
        {
            var stored = await Storage.ReadAsync(Key(s_awkwardKeys[i]), CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal($"value {i}", Encoding.UTF8.GetString(stored.Data!));
            Assert.Equal(etags[s_awkwardKeys[i]], stored.Etag);
        }

        Assert.Null(await Storage.ReadAsync(Key("a\u0000b\u0000"), CancellationToken.None));
        Assert.Null(await Storage.ReadAsync(Key("e"), CancellationToken.None));
    }

    [Fact]
    public async Task State_names_and_grain_types_keep_records_apart()
    {
        var sameKey = "shared-key";
        var other = new GrainStateKey(Key().GrainType + "-other", sameKey, "state");
        await Storage.WriteAsync(Key(sameKey, "profile"), Bytes("profile"), null, CancellationToken.None);
        await Storage.WriteAsync(Key(sameKey, "settings"), Bytes("settings"), null, CancellationToken.None);
        await Storage.WriteAsync(Key(sameKey, "state"), Bytes("state"), null, CancellationToken.None);
        await Storage.WriteAsync(other, Bytes("other type"), null, CancellationToken.None);

        Assert.Equal(Bytes("profile"), (await Storage.ReadAsync(Key(sameKey, "profile"), CancellationToken.None))!.Data);
        Assert.Equal(Bytes("settings"), (await Storage.ReadAsync(Key(sameKey, "settings"), CancellationToken.None))!.Data);
        Assert.Equal(Bytes("state"), (await Storage.ReadAsync(Key(sameKey, "state"), CancellationToken.None))!.Data);
        Assert.Equal(Bytes("other type"), (await Storage.ReadAsync(other, CancellationToken.None))!.Data);
        Assert.Null(await Storage.ReadAsync(Key(sameKey, "Profile"), CancellationToken.None));
    }

    [Fact]
    public async Task Initialization_twice_and_concurrently_is_idempotent()
    {
        var table = "grain_state_" + Guid.NewGuid().ToString("N")[..12];
        var first = await NewStorageAsync(table, initialize: false);
        var racers = new List<IGrainStorage>();
        for (var i = 0; i < 8; i++)
        {
            racers.Add(await NewStorageAsync(table, initialize: false));
        }

        await Task.WhenAll(racers.Select(r => Task.Run(() => r.InitializeAsync(CancellationToken.None))).Append(first.InitializeAsync(CancellationToken.None)));
        await first.InitializeAsync(CancellationToken.None);
        await first.InitializeAsync(CancellationToken.None);

        var etag = await first.WriteAsync(Key(), Bytes("after init"), null, CancellationToken.None);
        foreach (var racer in racers)
        {
            var stored = await racer.ReadAsync(Key(), CancellationToken.None);
            Assert.Equal(Bytes("after init"), stored!.Data);
            Assert.Equal(etag, stored.Etag);
        }
    }

    [Fact]
    public async Task Stored_bytes_are_copies_of_the_callers_buffers()
    {
        var buffer = Bytes("original");
        var etag = await Storage.WriteAsync(Key(), buffer, null, CancellationToken.None);
        buffer[0] = (byte)'X';

        var read = await Storage.ReadAsync(Key(), CancellationToken.None);
        read!.Data![1] = (byte)'Y';

        var again = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(Bytes("original"), again!.Data);
        Assert.Equal(etag, again.Etag);
    }

    [Fact]
    public async Task A_slice_of_a_larger_buffer_stores_only_the_slice()
    {
        var buffer = Bytes("[prefix]payload[suffix]");

        await Storage.WriteAsync(Key("offset"), buffer.AsMemory(8, 7), null, CancellationToken.None);
        await Storage.WriteAsync(Key("prefix"), buffer.AsMemory(0, 8), null, CancellationToken.None);

        Assert.Equal(Bytes("payload"), (await Storage.ReadAsync(Key("offset"), CancellationToken.None))!.Data);
        Assert.Equal(Bytes("[prefix]"), (await Storage.ReadAsync(Key("prefix"), CancellationToken.None))!.Data);
    }

    [Fact]
    public async Task A_large_payload_round_trips()
    {
        var data = new byte[4 * 1024 * 1024];
        new Random(42).NextBytes(data);

        var etag = await Storage.WriteAsync(Key(), data, null, CancellationToken.None);

        var stored = await Storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(data, stored!.Data);
        Assert.Equal(etag, stored.Etag);
    }
}
