using System.Text;
using System.Text.Encodings.Web;

namespace Weft.Api.OAuth;

/// <summary>
/// The HTML of the authorization pages: the login form, the out-of-band code, and errors. Everything from the client
/// or the app is HTML-encoded; the pages load nothing and may not be framed.
/// </summary>
public static class AuthorizePage
{
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Default;

    /// <summary>The login form: username or e-mail and password, with the request's parameters in hidden fields.</summary>
    public static IResult Login(
        HttpContext context, AuthorizationRequest request, string antiforgeryField, string antiforgeryToken,
        string? login, string? error)
    {
        var html = new StringBuilder();
        Open(html, "Authorize " + request.App.Name);
        html.Append("<h1>").Append(Encode(request.App.Name)).Append(" wants to use your account</h1>\n");
        html.Append("<p>Requested permissions: <strong>").Append(Encode(request.Scopes)).Append("</strong></p>\n");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>\n");
        }

        html.Append("<form method=\"post\" action=\"authorize\">\n");
        Hidden(html, antiforgeryField, antiforgeryToken);
        Hidden(html, "client_id", request.App.ClientId);
        Hidden(html, "redirect_uri", request.RedirectUri);
        Hidden(html, "response_type", "code");
        Hidden(html, "scope", request.Scopes);
        Hidden(html, "state", request.State);
        Hidden(html, "code_challenge", request.CodeChallenge);
        Hidden(html, "code_challenge_method", request.CodeChallenge is null ? null : "S256");
        html.Append("<label>Username or e-mail address <input name=\"username\" autocomplete=\"username\" required value=\"")
            .Append(Encode(login ?? "")).Append("\"></label>\n");
        html.Append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\n");
        html.Append("<button type=\"submit\">Authorize</button>\n</form>\n");
        return Close(context, html, StatusCodes.Status200OK);
    }

    /// <summary>The page for the out-of-band redirect URI: the code to copy into the app.</summary>
    public static IResult Code(HttpContext context, string appName, string code)
    {
        var html = new StringBuilder();
        Open(html, "Authorization code");
        html.Append("<h1>Copy this code into ").Append(Encode(appName)).Append("</h1>\n");
        html.Append("<p><code id=\"code\">").Append(Encode(code)).Append("</code></p>\n");
        return Close(context, html, StatusCodes.Status200OK);
    }

    /// <summary>An error page (the request cannot be sent back to the client, as its client or redirect URI is not trusted).</summary>
    public static IResult Error(HttpContext context, string message)
    {
        var html = new StringBuilder();
        Open(html, "Authorization failed");
        html.Append("<h1>Authorization failed</h1>\n<p class=\"error\" role=\"alert\">").Append(Encode(message)).Append("</p>\n");
        return Close(context, html, StatusCodes.Status400BadRequest);
    }

    private static void Open(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(title))
            .Append("</title>\n<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}")
            .Append("label{display:block;margin:.75rem 0}input{display:block;width:100%}.error{color:#b00}</style>\n</head>\n<body>\n");

    private static IResult Close(HttpContext context, StringBuilder html, int status)
    {
        html.Append("</body>\n</html>\n");
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static void Hidden(StringBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">\n");
        }
    }

    private static string Encode(string value) => s_encoder.Encode(value);
}
