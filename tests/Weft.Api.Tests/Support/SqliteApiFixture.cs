namespace Weft.Api.Tests.Support;

/// <summary>One API on its own SQLite file per test class; tests in the class use distinct users.</summary>
public sealed class SqliteApiFixture : IDisposable
{
    private int _users;

    public ApiFactory Factory { get; } = ApiFactory.OnSqlite(HighLimits.Settings);

    /// <summary>A fresh user named <paramref name="name"/> plus a unique suffix.</summary>
    public Task<ApiUser> NewUserAsync(string name, string scopes = "read write follow") =>
        ApiUser.CreateAsync(Factory, $"{name}_{Interlocked.Increment(ref _users)}", scopes);

    public void Dispose() => Factory.Dispose();
}
