using Weft.Streams.CrashTests.Support;
using Xunit.Abstractions;

namespace Weft.Streams.CrashTests;

/// <summary>
/// The crash tests on SQLite: grain state and stream queue in one WAL-mode file, in a temporary directory per test that
/// is removed afterwards.
/// </summary>
public sealed class SqliteStreamCrashTests(ITestOutputHelper output) : StreamCrashTests(output)
{
    private protected override Task<CrashStore> CreateStoreAsync() => Task.FromResult<CrashStore>(new SqliteCrashStore());
}
