using Weft.GrainInterfaces.Health;

namespace Weft.Api.Health;

/// <summary>GET /health: a grain call and a storage round trip, answered as JSON.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IGrainFactory grains) =>
        {
            var report = await grains.GetGrain<IHealthGrain>(Environment.MachineName).Check();
            return Results.Json(new { status = "ok", checks = report.Checks, checked_at = report.CheckedAt });
        });
        return endpoints;
    }
}
