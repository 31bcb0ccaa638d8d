using Microsoft.Extensions.Options;

namespace Weft.Api.Instance;

/// <summary>
/// With <c>Weft:Instance:PublicUrl</c> set, every request is taken as having reached that address: its scheme and host
/// replace the request's, so the absolute URLs built from them (statuses, accounts, Link headers, the streaming URL,
/// WebFinger's names) are the configured ones whatever Host header a client or proxy sent.
/// </summary>
public static class PublicOrigin
{
    /// <summary>The message a malformed setting stops start-up with.</summary>
    public const string InvalidSetting =
        "Weft:Instance:PublicUrl must be an absolute http or https address without a path, query or user name, such as https://social.example.";

    /// <summary>Replaces each request's scheme and host with the configured ones; nothing when none is configured.</summary>
    public static WebApplication UsePublicOrigin(this WebApplication app)
    {
        // Middleware is built when the host starts, after options validation has refused a malformed address.
        app.Use(next =>
        {
            var configured = app.Services.GetRequiredService<IOptions<InstanceOptions>>().Value.PublicUrl;
            if (!TryParse(configured, out var origin) || origin is null)
            {
                return next;
            }

            var (scheme, host) = origin.Value;
            return context =>
            {
                context.Request.Scheme = scheme;
                context.Request.Host = host;
                return next(context);
            };
        });
        return app;
    }

    /// <summary>
    /// Reads a configured address: true with null for none (empty), true with its scheme and host for a valid one, false
    /// for anything else.
    /// </summary>
    public static bool TryParse(string? configured, out (string Scheme, HostString Host)? origin)
    {
        origin = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return true;
        }

        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0
            || uri.Host.Length == 0
            || uri.Port == 0)
        {
            return false;
        }

        // As a browser's Host header carries it (ASCII, port only when not the default), so every URL agrees.
        origin = (uri.Scheme, InstanceUrls.Authority(uri));
        return true;
    }
}
