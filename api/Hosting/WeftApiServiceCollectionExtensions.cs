using Weft.Api.Mastodon;

namespace Weft.Api.Hosting;

/// <summary>The API's services, one line per feature.</summary>
public static class WeftApiServiceCollectionExtensions
{
    /// <summary>Adds everything the API's endpoints need (the silo is added separately by <c>AddWeftSilo</c>).</summary>
    public static IServiceCollection AddWeftApi(this IServiceCollection services)
    {
        services.AddMastodonRendering();
        return services;
    }
}
