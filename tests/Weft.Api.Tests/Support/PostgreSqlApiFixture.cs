using Weft.Testing.PostgreSql;

namespace Weft.Api.Tests.Support;

/// <summary>One API on its own throwaway PostgreSQL database per test class.</summary>
public sealed class PostgreSqlApiFixture : IAsyncLifetime
{
    private int _users;
    private PostgreSqlDatabase? _database;
    private ApiFactory? _factory;

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A fresh user named <paramref name="name"/> plus a unique suffix.</summary>
    public Task<ApiUser> NewUserAsync(string name) => ApiUser.CreateAsync(Factory, $"{name}_{Interlocked.Increment(ref _users)}");

    public async Task InitializeAsync()
    {
        _database = await PostgreSqlDatabase.CreateAsync("api_social");
        _factory = ApiFactory.OnPostgreSql(_database.ConnectionString, HighLimits.Settings);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
