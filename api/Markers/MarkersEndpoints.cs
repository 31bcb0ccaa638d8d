using System.Collections.Immutable;
using System.Globalization;
using Microsoft.OpenApi;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Markers;

namespace Weft.Api.Markers;

/// <summary>/api/v1/markers: read positions in the home timeline and the notifications, shared across the user's devices.</summary>
public static class MarkersEndpoints
{
    /// <summary>The timelines Mastodon keeps markers for.</summary>
    public static readonly ImmutableArray<string> Timelines = ["home", "notifications"];

    public static IEndpointRouteBuilder MapMarkersEndpoints(this IEndpointRouteBuilder app)
    {
        var markers = app.MapGroup("/api/v1/markers").WithTags("Markers");
        markers.MapGet("", GetAsync)
            .RequireScope("read:statuses")
            .WithQuery("timeline[]", "home and/or notifications (both if absent).", JsonSchemaType.Array)
            .Produces<IReadOnlyDictionary<string, MarkerEntity>>()
            .WithSummary("The user's markers, by timeline; a timeline without one is left out.");
        markers.MapPost("", SetAsync)
            .RequireScope("write:statuses")
            .AcceptsFields(typeof(MarkerFields))
            .Produces<IReadOnlyDictionary<string, MarkerEntity>>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Moves markers; answers those it set.");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var asked = body.GetStrings("timeline");
        var markers = await grains.GetGrain<IMarkersGrain>(context.RequireAccountId()).GetAsync();
        return Render(markers, asked.Count == 0 ? Timelines : [.. asked]);
    }

    private static async Task<IResult> SetAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var positions = ImmutableDictionary.CreateBuilder<string, long>();
        foreach (var timeline in Timelines)
        {
            switch (body.GetNestedString(timeline, "last_read_id"))
            {
                case null:
                    break;
                case "":
                    // Named but blank, as Mastodon's validation says.
                    return ApiErrors.Unprocessable("Validation failed: Last read id can't be blank");
                case var lastReadId:
                    positions[timeline] = RouteIds.Parameter(lastReadId, $"{timeline}[last_read_id]");
                    break;
            }
        }

        if (positions.Count == 0)
        {
            return Render(ImmutableDictionary<string, Marker>.Empty, []);
        }

        var markers = await grains.GetGrain<IMarkersGrain>(context.RequireAccountId()).SetAsync(positions.ToImmutable());
        return Render(markers, [.. positions.Keys]);
    }

    private static IResult Render(ImmutableDictionary<string, Marker> markers, ImmutableArray<string> timelines)
    {
        var rendered = new Dictionary<string, MarkerEntity>();
        foreach (var timeline in timelines)
        {
            if (markers.TryGetValue(timeline, out var marker))
            {
                rendered[timeline] = new MarkerEntity
                {
                    LastReadId = marker.LastReadId.ToString(CultureInfo.InvariantCulture),
                    Version = marker.Version,
                    UpdatedAt = MastodonDates.Timestamp(marker.UpdatedAt),
                };
            }
        }

        return MastodonResponses.Json<IReadOnlyDictionary<string, MarkerEntity>>(rendered, MastodonJson.Context.IReadOnlyDictionaryStringMarkerEntity);
    }
}
