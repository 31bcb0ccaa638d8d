using Microsoft.Extensions.DependencyInjection;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// A social silo on SQLite whose grain calls time out after 5 s instead of 30 s, so a call cycle between
/// non-reentrant grains (a deadlock) fails a test quickly instead of stalling it; its social store has a
/// <see cref="StoreGate"/> with which a test holds a status grain inside a favourite.
/// </summary>
public sealed class ShortCallTimeoutSqliteSocialSiloFixture : SqliteSocialSiloFixture
{
    public StoreGate Gate { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Weft:Silo:CallTimeout"] = "00:00:05",
    };

    protected override void ConfigureServices(IServiceCollection services) => GatedSocialStore.Decorate(services, Gate);
}
