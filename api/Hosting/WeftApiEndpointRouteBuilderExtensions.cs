using Weft.Api.Health;

namespace Weft.Api.Hosting;

/// <summary>The API's routes, one line per feature folder.</summary>
public static class WeftApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapWeftApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints();
        return app;
    }
}
