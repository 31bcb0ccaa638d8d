using Microsoft.AspNetCore.Antiforgery;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.OAuth;

/// <summary>
/// GET /oauth/authorize shows a login form for the authorization request; POST /oauth/authorize (the form) checks the
/// antiforgery token and the password, then issues a one-time code and redirects to the app (or shows the code for
/// the out-of-band redirect URI). There is no session: every authorization asks for the password.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<IResult> ShowAsync(HttpContext context, IGrainFactory grains, IAntiforgery antiforgery)
    {
        var query = context.Request.Query;
        var (request, error) = await AuthorizationRequest.ParseAsync(grains, name => First(query[name]));
        if (request is null)
        {
            return AuthorizePage.Error(context, error!);
        }

        return LoginForm(context, antiforgery, request, login: null, error: null);
    }

    public static async Task<IResult> SubmitAsync(
        HttpContext context, IGrainFactory grains, IAntiforgery antiforgery, TimeProvider timeProvider)
    {
        if (!context.Request.HasFormContentType)
        {
            return AuthorizePage.Error(context, "The login form must be posted as a form.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (Exception e) when (RequestBody.IsMalformedForm(e, context.RequestAborted))
        {
            return AuthorizePage.Error(context, "The login form could not be read.");
        }
        catch (AntiforgeryValidationException)
        {
            return AuthorizePage.Error(context, "The login form has expired. Go back to the application and sign in again.");
        }

        var (request, error) = await AuthorizationRequest.ParseAsync(grains, name => First(form[name]));
        if (request is null)
        {
            return AuthorizePage.Error(context, error!);
        }

        var login = First(form["username"]) ?? "";
        var password = First(form["password"]) ?? "";
        var accountId = await PasswordLogin.VerifyAsync(grains, login, password);
        if (accountId is null)
        {
            return LoginForm(context, antiforgery, request, login, "Invalid username, e-mail address or password.");
        }

        var code = AccessTokens.Create();
        var grant = new TokenGrant(accountId, request.App.ClientId, request.Scopes, timeProvider.GetUtcNow(), request.RedirectUri);
        await grains.GetGrain<IAuthorizationCodeGrain>(AccessTokens.Hash(code)).IssueAsync(grant, request.CodeChallenge);
        if (request.RedirectUri == AuthorizationRequest.OutOfBand)
        {
            return AuthorizePage.Code(context, request.App.Name, code);
        }

        var separator = request.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var location = $"{request.RedirectUri}{separator}code={Uri.EscapeDataString(code)}";
        if (request.State is not null)
        {
            location += "&state=" + Uri.EscapeDataString(request.State);
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(location);
    }

    private static IResult LoginForm(
        HttpContext context, IAntiforgery antiforgery, AuthorizationRequest request, string? login, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return AuthorizePage.Login(context, request, tokens.FormFieldName, tokens.RequestToken!, login, error);
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) => values.Count > 0 ? values[0] : null;
}
