using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Grains.Data.Sqlite;

namespace Weft.Grains.Tests.Data;

/// <summary>AddSocialStoreFromConfiguration: the engine follows the Default grain storage; bad settings are named.</summary>
public sealed class SocialStoreRegistrationTests
{
    private static ServiceProvider Build(string? provider, string? connectionString = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SocialStoreServiceCollectionExtensions.ProviderSetting] = provider,
            [SocialStoreServiceCollectionExtensions.ConnectionStringSetting] = connectionString,
        }).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSocialStoreFromConfiguration().BuildServiceProvider();
    }

    [Fact]
    public async Task Memory_provider_gives_a_working_store_private_to_the_service_provider()
    {
        await using var first = Build("memory");
        await using var second = Build("Memory");
        var store = first.GetRequiredService<ISocialStore>();

        Assert.True(await store.AddFollowWithoutNotificationAsync(1, 2, 100, FollowSettings.Default, CancellationToken.None));
        Assert.False(await store.AddFollowWithoutNotificationAsync(1, 2, 101, FollowSettings.Default, CancellationToken.None));

        Assert.Same(store, first.GetRequiredService<ISocialStore>());
        Assert.Equal(1, await store.CountFollowersAsync(2, CancellationToken.None));
        Assert.Equal(0, await second.GetRequiredService<ISocialStore>().CountFollowersAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task Sqlite_provider_uses_the_configured_file_and_creates_its_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "weft-social-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "nested", "weft.db");
        try
        {
            await using (var services = Build("SQLITE", $"Data Source={path}"))
            {
                var store = services.GetRequiredService<ISocialStore>();
                Assert.IsType<SqliteSocialStore>(store);
                Assert.True(await store.AddMarkWithoutNotificationAsync(StatusMarkKind.Favourite, 1, 10, 100, CancellationToken.None));
            }

            Assert.True(File.Exists(path));
            await using (var services = Build("Sqlite", $"Data Source={path}"))
            {
                var markers = (await services.GetRequiredService<ISocialStore>().LoadStatusMarksAsync(10, CancellationToken.None)).Favourites;
                Assert.Equal([new MarkRow(100, 1)], markers);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Oracle")]
    public async Task A_missing_or_unknown_provider_fails_at_resolve_naming_the_setting(string? provider)
    {
        await using var services = Build(provider, "Data Source=unused.db");

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISocialStore>());

        Assert.Contains("Weft:Storage:Default:Provider", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_missing_connection_string_fails_at_resolve_naming_the_setting(string provider)
    {
        await using var services = Build(provider);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISocialStore>());

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_fails_at_resolve_naming_the_setting()
    {
        await using var services = Build("PostgreSql", "Host=localhost;NoSuchKeyword=1");

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISocialStore>());

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
