using Weft.Api.Auth;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.OAuth;

/// <summary>
/// A checked authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3): the same parameters arrive in the
/// query of GET /oauth/authorize and in the hidden fields of the login form, and are checked both times.
/// </summary>
public sealed record AuthorizationRequest(
    ClientApp App,
    string RedirectUri,
    string Scopes,
    string? State,
    string? CodeChallenge)
{
    /// <summary>The out-of-band redirect URI: the code is shown in the page instead of sent by redirect.</summary>
    public const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";

    /// <summary>The longest state a client may send back to itself.</summary>
    public const int MaxStateLength = 2_000;

    /// <summary>Checks the parameters: the request, or null and why (a message for the error page).</summary>
    public static async Task<(AuthorizationRequest? Request, string? Error)> ParseAsync(
        IGrainFactory grains, Func<string, string?> parameter)
    {
        var app = await ClientAuthentication.FindAsync(grains, parameter("client_id"));
        if (app is null)
        {
            return (null, "The client application is unknown (client_id).");
        }

        var registered = app.RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var redirectUri = parameter("redirect_uri");
        if (string.IsNullOrEmpty(redirectUri) && registered.Length == 1)
        {
            redirectUri = registered[0];
        }

        if (redirectUri is null || !registered.Contains(redirectUri, StringComparer.Ordinal))
        {
            return (null, "The redirect URI is not one the application registered (redirect_uri).");
        }

        if (parameter("response_type") != "code")
        {
            return (null, "Only response_type=code is supported.");
        }

        var scopes = OAuthScopes.Parse(parameter("scope"));
        if (!OAuthScopes.AllKnown(scopes.ToString()))
        {
            return (null, "The requested scopes include one that does not exist (scope).");
        }

        if (!OAuthScopes.Parse(app.Scopes).Covers(scopes))
        {
            return (null, "The requested scopes exceed those the application registered (scope).");
        }

        var state = parameter("state");
        if (state is { Length: > MaxStateLength })
        {
            return (null, "The state parameter is too long.");
        }

        var challenge = parameter("code_challenge");
        if (string.IsNullOrEmpty(challenge))
        {
            challenge = null;
        }
        else if (parameter("code_challenge_method") != "S256")
        {
            return (null, "Only code_challenge_method=S256 is supported.");
        }
        else if (!IsChallenge(challenge))
        {
            return (null, "The code_challenge is malformed.");
        }

        return (new AuthorizationRequest(app, redirectUri, scopes.ToString(), state, challenge), null);
    }

    // RFC 7636 §4.2: S256 gives 43 characters of base64url; 43–128 unreserved characters are accepted.
    private static bool IsChallenge(string value) =>
        value.Length is >= 43 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');
}
