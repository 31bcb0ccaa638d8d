using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Weft.Api.Accounts;
using Weft.Api.Infrastructure;
using Weft.Api.Instance;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Discovery;

/// <summary>
/// How other software finds this server and its accounts: WebFinger (RFC 7033) for local accounts, and NodeInfo 2.0
/// (software, usage, open registrations). No federation yet, so WebFinger links only the profile page and NodeInfo
/// lists no protocols.
/// </summary>
public static class DiscoveryEndpoints
{
    private const string NodeInfoSchema = "http://nodeinfo.diaspora.software/ns/schema/2.0";
    private const string NodeInfoPath = "/nodeinfo/2.0";

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var discovery = app.MapGroup("").WithTags("Discovery");
        discovery.MapGet("/.well-known/webfinger", WebFingerAsync)
            .WithQuery("resource", "acct:name@this-server, or the account's profile URL.", required: true)
            .ProducesSample("WebFinger", _ => WebFinger("https://example.com", "example.com", "alice"))
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("The JRD of a local account (application/jrd+json).");
        discovery.MapGet("/.well-known/nodeinfo", (HttpContext context) =>
            InstanceEndpoints.Json(new JsonObject
            {
                ["links"] = new JsonArray(new JsonObject { ["rel"] = NodeInfoSchema, ["href"] = RequestOrigin.Get(context.Request) + NodeInfoPath }),
            }))
            .ProducesSample("NodeInfoLinks", _ => new JsonObject { ["links"] = new JsonArray(new JsonObject { ["rel"] = NodeInfoSchema, ["href"] = "https://example.com" + NodeInfoPath }) })
            .WithSummary("Where the NodeInfo document is.");
        discovery.MapGet(NodeInfoPath, async (IOptions<InstanceOptions> options, IGrainFactory grains) =>
            InstanceEndpoints.Json(NodeInfo(options.Value, await grains.GetGrain<IDirectoryGrain>(0).GetStatisticsAsync())))
            .ProducesSample("NodeInfo", services => NodeInfo(services.GetRequiredService<IOptions<InstanceOptions>>().Value, new InstanceStatistics(1, 1, 1)))
            .WithSummary("NodeInfo 2.0: software, usage and registrations.");
        return app;
    }

    private static async Task<IResult> WebFingerAsync(HttpContext context, AccountRenderer renderer)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (resource.Length == 0)
        {
            return ApiErrors.BadRequest("resource is missing");
        }

        if (Username(resource, context.Request) is not { } username
            || await renderer.LoadByUsernameAsync(username, RequestOrigin.Get(context.Request)) is not { } account)
        {
            return ApiErrors.NotFound();
        }

        var body = WebFinger(RequestOrigin.Get(context.Request), InstanceUrls.Domain(context.Request), account.Username);
        return Results.Text(body.ToJsonString(), "application/jrd+json; charset=utf-8");
    }

    // acct:name@host, name@host, or the profile URLs this server gives out (https://host/@name, https://host/users/name).
    private static string? Username(string resource, HttpRequest request)
    {
        if (resource.StartsWith("acct:", StringComparison.OrdinalIgnoreCase))
        {
            return LocalUsername.From(resource["acct:".Length..], request);
        }

        if (!LocalUrl.IsUrl(resource))
        {
            return LocalUsername.From(resource, request);
        }

        return LocalUrl.From(resource, request) is { StatusId: null } profile ? profile.Username : null;
    }

    private static JsonObject WebFinger(string origin, string host, string username) => new()
    {
        ["subject"] = "acct:" + username + "@" + host,
        ["aliases"] = new JsonArray(origin + "/@" + username, origin + "/users/" + username),
        ["links"] = new JsonArray(new JsonObject
        {
            ["rel"] = "http://webfinger.net/rel/profile-page",
            ["type"] = "text/html",
            ["href"] = origin + "/@" + username,
        }),
    };

    private static JsonObject NodeInfo(InstanceOptions options, InstanceStatistics statistics) => new()
    {
        ["version"] = "2.0",
        ["software"] = new JsonObject { ["name"] = "weft", ["version"] = InstanceLimits.SoftwareVersion },
        // The schema wants at least one, but Weft speaks no federation protocol yet, and claiming one would be false.
        ["protocols"] = new JsonArray(),
        ["services"] = new JsonObject { ["outbound"] = new JsonArray(), ["inbound"] = new JsonArray() },
        ["usage"] = new JsonObject
        {
            ["users"] = new JsonObject { ["total"] = statistics.UserCount, ["activeMonth"] = statistics.ActiveMonth },
            ["localPosts"] = statistics.StatusCount,
        },
        ["openRegistrations"] = true,
        ["metadata"] = new JsonObject { ["nodeName"] = options.Title },
    };
}
