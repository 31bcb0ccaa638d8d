using Weft.Streams.CrashTests.Support;
using Xunit.Abstractions;

namespace Weft.Streams.CrashTests;

/// <summary>The crash tests on PostgreSQL: a fresh database per test on the test server (tests/Weft.Testing).</summary>
public sealed class PostgreSqlStreamCrashTests(ITestOutputHelper output) : StreamCrashTests(output)
{
    private protected override async Task<CrashStore> CreateStoreAsync() => await PostgreSqlCrashStore.CreateAsync();
}
