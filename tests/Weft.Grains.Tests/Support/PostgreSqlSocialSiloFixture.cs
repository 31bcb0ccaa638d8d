using Weft.Testing.PostgreSql;

namespace Weft.Grains.Tests.Support;

/// <summary>A social silo on a fresh PostgreSQL database.</summary>
public class PostgreSqlSocialSiloFixture : SocialSiloFixture
{
    private PostgreSqlDatabase? _database;

    protected override async Task<Dictionary<string, string?>> CreateSettingsAsync()
    {
        _database = await PostgreSqlDatabase.CreateAsync("social");
        return SocialSilo.PostgreSqlSettings(_database.ConnectionString, ExtraSettings);
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
