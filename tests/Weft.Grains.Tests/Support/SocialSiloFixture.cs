using Microsoft.Extensions.DependencyInjection;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// One social silo shared by the tests of a class (<c>IClassFixture</c>). Subclasses choose the database and the
/// settings (for example a small big-account threshold).
/// </summary>
public abstract class SocialSiloFixture : IAsyncLifetime
{
    private SocialSilo? _silo;

    public SocialSilo Silo => _silo ?? throw new InvalidOperationException("The fixture is not initialized.");

    public SocialTestKit Kit => new(Silo.GrainFactory);

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _silo = await SocialSilo.StartAsync(await CreateSettingsAsync(), ConfigureServices);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await DisposeDatabaseAsync();
    }

    protected abstract Task<Dictionary<string, string?>> CreateSettingsAsync();

    /// <summary>Changes the silo's services after <c>AddWeftSilo</c> (for example to decorate the social store).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected abstract Task DisposeDatabaseAsync();
}
