using System.Net.Http.Headers;
using System.Text;
using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.OAuth;

/// <summary>
/// Authenticates an OAuth client by <c>client_id</c> and <c>client_secret</c> in the body (client_secret_post) or in an
/// HTTP Basic header (client_secret_basic).
/// </summary>
public static class ClientAuthentication
{
    private const string FailedDescription =
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

    /// <summary>The authenticated app; otherwise throws 401 invalid_client.</summary>
    public static async Task<ClientApp> AuthenticateAsync(IGrainFactory grains, HttpRequest request, RequestBody body)
    {
        var clientId = body.GetString("client_id");
        var clientSecret = body.GetString("client_secret");
        if (clientId is null && clientSecret is null && TryReadBasic(request, out var basicId, out var basicSecret))
        {
            (clientId, clientSecret) = (basicId, basicSecret);
        }

        if (clientId is null || clientSecret is null || !IsWellFormedClientId(clientId))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "invalid_client", FailedDescription);
        }

        var appGrain = grains.GetGrain<IClientAppGrain>(clientId);
        var app = await appGrain.GetAsync();
        if (app is null || !await appGrain.VerifySecretAsync(clientSecret))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "invalid_client", FailedDescription);
        }

        return app;
    }

    /// <summary>The app registered under <paramref name="clientId"/>, or null (also for ids that cannot be ours).</summary>
    public static async Task<ClientApp?> FindAsync(IGrainFactory grains, string? clientId) =>
        clientId is not null && IsWellFormedClientId(clientId)
            ? await grains.GetGrain<IClientAppGrain>(clientId).GetAsync()
            : null;

    // Client ids are base64url text made by AppsEndpoints; anything else is refused before it becomes a grain key.
    private static bool IsWellFormedClientId(string clientId) =>
        clientId.Length is > 0 and <= 128 && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool TryReadBasic(HttpRequest request, out string? clientId, out string? clientSecret)
    {
        clientId = clientSecret = null;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header.Parameter, buffer, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        clientId = Uri.UnescapeDataString(text[..colon].Replace('+', ' '));
        clientSecret = Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' '));
        return true;
    }
}
