using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.OAuth;

/// <summary>One API on its own SQLite file per test class (<c>IClassFixture&lt;SqliteApiHost&gt;</c>).</summary>
public sealed class SqliteApiHost : IDisposable
{
    public ApiFactory Factory { get; } = ApiFactory.OnSqlite();

    public void Dispose() => Factory.Dispose();
}
