namespace Weft.Grains.Tests.Support;

/// <summary>A social silo on a temporary SQLite file.</summary>
public class SqliteSocialSiloFixture : SocialSiloFixture
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override Task<Dictionary<string, string?>> CreateSettingsAsync() =>
        Task.FromResult(SocialSilo.SqliteSettings(_file.Path, ExtraSettings));

    protected override Task DisposeDatabaseAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}
