using System.Globalization;
using System.Security.Cryptography;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.OAuth;
using Weft.GrainInterfaces.Auth;
using Weft.GrainInterfaces.Ids;
using Weft.Api.OpenApi;

namespace Weft.Api.Apps;

/// <summary>POST /api/v1/apps (register an OAuth client) and GET /api/v1/apps/verify_credentials.</summary>
public static class AppsEndpoints
{
    /// <summary>Mastodon's limits on an app's name and on each URL.</summary>
    public const int MaxNameLength = 60;

    public const int MaxUrlLength = 2_000;

    public const int MaxRedirectUris = 10;

    public static IEndpointRouteBuilder MapAppsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/apps", CreateAsync)
            .WithTags("Apps")
            .AcceptsFields(typeof(CreateAppFields))
            .Produces<CredentialApplicationEntity>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Registers a client application; the answer holds its client_id and client_secret.");
        app.MapGet("/api/v1/apps/verify_credentials", VerifyCredentialsAsync)
            .WithTags("Apps")
            .RequiresToken()
            .Produces<ApplicationEntity>()
            .WithSummary("The application of the access token (app or user token).");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, TimeProvider timeProvider)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var name = body.GetString("client_name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw Invalid("Application name can't be blank");
        }

        if (name.Length > MaxNameLength)
        {
            throw Invalid($"Application name is too long (maximum is {MaxNameLength} characters)");
        }

        var redirectUris = body.GetStrings("redirect_uris")
            .SelectMany(value => value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (redirectUris.Count == 0)
        {
            throw Invalid("Redirect URI can't be blank");
        }

        if (redirectUris.Count > MaxRedirectUris || redirectUris.Any(uri => !IsRedirectUri(uri)))
        {
            throw Invalid("Redirect URI must be an absolute URI.");
        }

        var scopes = OAuthScopes.Parse(body.GetString("scopes")).ToString();
        if (!OAuthScopes.AllKnown(scopes))
        {
            throw Invalid("Scopes must be among the scopes this server knows");
        }

        var website = body.GetString("website")?.Trim();
        if (string.IsNullOrEmpty(website))
        {
            website = null;
        }
        else if (website.Length > MaxUrlLength || !Uri.TryCreate(website, UriKind.Absolute, out var websiteUri)
            || websiteUri.Scheme is not ("http" or "https"))
        {
            throw Invalid("Website is invalid");
        }

        var now = timeProvider.GetUtcNow();
        var clientSecret = AccessTokens.Create();
        while (true)
        {
            // The id only labels the app; a random sequence avoids two apps of one millisecond sharing it.
            var id = SnowflakeId.Create(now.ToUnixTimeMilliseconds(), 0, RandomNumberGenerator.GetInt32(SnowflakeId.MaxSequence + 1));
            var clientApp = new ClientApp(
                id, AccessTokens.Create(), name, string.Join(' ', redirectUris), scopes, website, now);
            if (await grains.GetGrain<IClientAppGrain>(clientApp.ClientId).CreateAsync(clientApp, clientSecret))
            {
                var entity = new CredentialApplicationEntity(
                    Id(clientApp), name, website, ScopeList(scopes), string.Join('\n', redirectUris), redirectUris,
                    clientApp.ClientId, clientSecret, ClientSecretExpiresAt: 0);
                return Results.Json(entity, AppsJsonContext.Default.CredentialApplicationEntity);
            }
        }
    }

    private static async Task<IResult> VerifyCredentialsAsync(HttpContext context, IGrainFactory grains)
    {
        var grant = context.GetTokenGrant();
        var clientApp = grant is null ? null : await grains.GetGrain<IClientAppGrain>(grant.ClientId).GetAsync();
        if (clientApp is null)
        {
            return ApiErrors.Unauthorized();
        }

        var redirectUris = clientApp.RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var entity = new ApplicationEntity(
            Id(clientApp), clientApp.Name, clientApp.Website, ScopeList(clientApp.Scopes),
            string.Join('\n', redirectUris), redirectUris);
        return Results.Json(entity, AppsJsonContext.Default.ApplicationEntity);
    }

    // Absolute, no fragment (RFC 6749 §3.1.2), and not a scheme that runs code when a browser is sent to it.
    private static bool IsRedirectUri(string value) =>
        value == AuthorizationRequest.OutOfBand
        || (value.Length <= MaxUrlLength
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && string.IsNullOrEmpty(uri.Fragment)
            && !value.Contains('#', StringComparison.Ordinal)
            && uri.Scheme is not ("javascript" or "data" or "vbscript" or "file"));

    private static string[] ScopeList(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Id(ClientApp clientApp) => clientApp.Id.ToString(CultureInfo.InvariantCulture);

    private static ApiException Invalid(string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "Validation failed: " + message);
}
