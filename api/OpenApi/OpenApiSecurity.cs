using Microsoft.OpenApi;
using Weft.Api.Auth;

namespace Weft.Api.OpenApi;

/// <summary>
/// The document's security schemes and each operation's requirement: a bearer token from /oauth/token, described both as
/// HTTP bearer (what a request sends) and as OAuth 2 with its flows and scopes (how a client gets one).
/// </summary>
public static class OpenApiSecurity
{
    /// <summary>The HTTP bearer scheme's name among the components.</summary>
    public const string Bearer = "bearer";

    /// <summary>The OAuth 2 scheme's name among the components.</summary>
    public const string OAuth2 = "oauth2";

    /// <summary>Adds both schemes to the document.</summary>
    public static void AddSchemes(OpenApiDocument document)
    {
        var scopes = OAuthScopes.Known.ToDictionary(scope => scope, Describe);
        document.AddComponent<IOpenApiSecurityScheme>(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /oauth/token (or POST /api/v1/accounts), sent as 'Authorization: Bearer <token>'. "
                + "A token that is sent but unknown or revoked is refused with 401 on every endpoint.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(OAuth2, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Mastodon's OAuth 2: register a client with POST /api/v1/apps, then get a token.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri("/oauth/authorize", UriKind.Relative),
                    TokenUrl = new Uri("/oauth/token", UriKind.Relative),
                    Scopes = scopes,
                },
                Password = new OpenApiOAuthFlow { TokenUrl = new Uri("/oauth/token", UriKind.Relative), Scopes = scopes },
                ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/oauth/token", UriKind.Relative), Scopes = scopes },
            },
        });
    }

    /// <summary>
    /// Either scheme granting <paramref name="scope"/> (any token if null); with <paramref name="optional"/>, also no
    /// token at all (an empty requirement), as for public reads that check a token only if one is sent.
    /// </summary>
    public static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument? document, string? scope, bool optional)
    {
        List<string> scopes = scope is null ? [] : [scope];
        var requirements = new List<OpenApiSecurityRequirement>
        {
            new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = scopes },
            new() { [new OpenApiSecuritySchemeReference(OAuth2, document)] = [.. scopes] },
        };
        if (optional)
        {
            requirements.Add([]);
        }

        return requirements;
    }

    private static string Describe(string scope) => scope switch
    {
        "read" => "Read everything (covers every read:… scope)",
        "write" => "Write everything (covers every write:… scope)",
        "follow" => "Legacy: read and write follows, blocks and mutes",
        "push" => "Web push subscriptions",
        "profile" => "Only the account's own profile (verify_credentials)",
        _ => scope.Replace(':', ' ').Replace('_', ' '),
    };
}
