using Weft.Api.Cors;
using Weft.Api.Instance;
using Weft.Api.Mastodon;
using Weft.Api.OAuth;
using Weft.Api.OpenApi;
using Weft.Api.RateLimiting;

namespace Weft.Api.Hosting;

/// <summary>The API's services, one line per feature.</summary>
public static class WeftApiServiceCollectionExtensions
{
    /// <summary>Adds everything the API's endpoints need (the silo is added separately by <c>AddWeftSilo</c>).</summary>
    public static IServiceCollection AddWeftApi(this IServiceCollection services)
    {
        services.AddSocketThreadScheduling();
        services.AddMastodonRendering();
        services.AddOAuthServices();
        services.AddMastodonCors();
        services.AddInstanceSettings();
        services.AddWeftRateLimits();
        services.AddWeftOpenApi();
        return services;
    }
}
