using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Instance;

/// <summary>What a client asks about the server before anything else: /api/v1/instance, /api/v2/instance and friends. Public.</summary>
public static class InstanceEndpoints
{
    /// <summary>Where the instance thumbnail (a 1×1 transparent PNG until one is configurable) is served.</summary>
    public const string ThumbnailPath = "/instance/thumbnail.png";

    private static readonly byte[] s_thumbnail = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static async Task<IResult> V2Async(HttpContext context, IOptions<InstanceOptions> options, IGrainFactory grains) =>
        Json(InstanceDocuments.V2(context.Request, options.Value, await StatisticsAsync(grains)));

    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var instance = app.MapGroup("").WithTags("Instance");
        instance.MapGet("/api/v1/instance", async (HttpContext context, IOptions<InstanceOptions> options, IGrainFactory grains) =>
            Json(InstanceDocuments.V1(context.Request, options.Value, await StatisticsAsync(grains))))
            .ProducesSample("InstanceV1", services => InstanceDocuments.V1(SampleRequest(), Options(services), SampleStatistics))
            .WithSummary("Server information (Mastodon's v1 shape).");
        instance.MapGet("/api/v2/instance", V2Async)
            .ProducesSample("Instance", services => InstanceDocuments.V2(SampleRequest(), Options(services), SampleStatistics))
            .WithSummary("Server information.");

        // Weft has no web interface: its front door says what it is (and answers clients that read the server's clock
        // from HEAD /, as Mastodon.py does).
        instance.MapGet("/", V2Async)
            .ProducesSample("Instance", services => InstanceDocuments.V2(SampleRequest(), Options(services), SampleStatistics))
            .WithSummary("The server's front door: its instance document, as /api/v2/instance.");
        instance.MapGet("/api/v1/instance/peers", () => Json(new JsonArray()))
            .Produces<IReadOnlyList<string>>()
            .WithSummary("Domains this server is aware of (none: no federation yet).");
        instance.MapGet("/api/v1/instance/activity", () => Json(new JsonArray()))
            .Produces<IReadOnlyList<object>>()
            .WithSummary("Weekly activity (not tracked).");
        instance.MapGet("/api/v1/instance/rules", () => Json(new JsonArray()))
            .Produces<IReadOnlyList<object>>()
            .WithSummary("Server rules (none).");
        instance.MapGet("/api/v1/instance/languages", () => Json(InstanceLanguages.Document()))
            .ProducesSample("Languages", _ => InstanceLanguages.Document())
            .WithSummary("The languages a status may be marked with (ISO 639-1 codes and English names).");
        instance.MapGet("/api/v1/instance/extended_description", (IOptions<InstanceOptions> options) =>
            Json(new JsonObject { ["updated_at"] = null, ["content"] = System.Net.WebUtility.HtmlEncode(options.Value.Description) }))
            .ProducesSample("ExtendedDescription", _ => new JsonObject { ["updated_at"] = null, ["content"] = "" })
            .WithSummary("The server's longer description.");
        instance.MapGet(ThumbnailPath, () => Results.Bytes(s_thumbnail, "image/png"))
            .ExcludeFromDescription();
        return app;
    }

    private static Task<InstanceStatistics> StatisticsAsync(IGrainFactory grains) => grains.GetGrain<IDirectoryGrain>(0).GetStatisticsAsync();

    // The instance documents' schemas are read off documents made for a request to a sample host.
    private static HttpRequest SampleRequest() => new DefaultHttpContext { Request = { Scheme = "https", Host = new HostString("example.com") } }.Request;

    private static InstanceOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<InstanceOptions>>().Value;

    private static InstanceStatistics SampleStatistics => new(UserCount: 1, StatusCount: 1, ActiveMonth: 1);

    /// <summary>Writes a JSON node as an application/json answer.</summary>
    public static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json; charset=utf-8");

    /// <summary>Registers the instance settings.</summary>
    public static IServiceCollection AddInstanceSettings(this IServiceCollection services)
    {
        services.AddOptions<InstanceOptions>()
            .BindConfiguration(InstanceOptions.Section)
            .Validate(options => PublicOrigin.TryParse(options.PublicUrl, out _), PublicOrigin.InvalidSetting)
            .ValidateOnStart();
        return services;
    }
}
