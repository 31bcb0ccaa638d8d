using System.Text.RegularExpressions;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.OAuth;
using Weft.Api.RateLimiting;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Auth;
using Weft.Api.OpenApi;

namespace Weft.Api.Registration;

/// <summary>
/// POST /api/v1/accounts: signs up with an app token (write:accounts) and answers a user token with the app's scopes.
/// Fields are checked here for shape; uniqueness is decided by the registration grain of the lower-cased username.
/// </summary>
public static partial class RegistrationEndpoints
{
    public static IEndpointRouteBuilder MapRegistrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/accounts", RegisterAsync)
            .RequireAppScope("write:accounts")
            .RequireRateLimiting(RateLimitPolicies.Registrations)
            .AcceptsFields(typeof(RegisterAccountFields))
            .Produces<TokenEntity>()
            .Produces<ValidationErrorEntity>(StatusCodes.Status422UnprocessableEntity)
            .WithTags("Accounts")
            .WithSummary("Registers an account (app token with write:accounts); answers a user access token.");
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, IGrainFactory grains, TimeProvider timeProvider)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var username = body.GetString("username") ?? "";
        var email = body.GetString("email") ?? "";
        var password = body.GetString("password") ?? "";
        var agreement = body.GetBool("agreement");
        var locale = body.GetString("locale") is { Length: > 0 } given ? given : null; // blank is no choice, as in Mastodon

        var errors = new RegistrationErrors();
        if (username.Length == 0)
        {
            errors.Add("username", "ERR_BLANK", "can't be blank");
        }
        else if (username.Length > AccountFieldRules.MaxUsernameLength)
        {
            errors.Add("username", "ERR_TOO_LONG", $"is too long (maximum is {AccountFieldRules.MaxUsernameLength} characters)");
        }
        else if (!AccountFieldRules.IsUsername(username))
        {
            errors.Add("username", "ERR_INVALID", "must contain only letters, numbers and underscores");
        }

        if (email.Length == 0)
        {
            errors.Add("email", "ERR_BLANK", "can't be blank");
        }
        else if (!AccountFieldRules.IsEmail(email))
        {
            errors.Add("email", "ERR_INVALID", "is invalid");
        }

        if (password.Length == 0)
        {
            errors.Add("password", "ERR_BLANK", "can't be blank");
        }
        else if (password.Length < AccountFieldRules.MinPasswordLength)
        {
            errors.Add("password", "ERR_TOO_SHORT", $"is too short (minimum is {AccountFieldRules.MinPasswordLength} characters)");
        }
        else if (password.Length > AccountFieldRules.MaxPasswordLength)
        {
            errors.Add("password", "ERR_TOO_LONG", $"is too long (maximum is {AccountFieldRules.MaxPasswordLength} characters)");
        }

        if (agreement != true)
        {
            errors.Add("agreement", "ERR_ACCEPTED", "must be accepted");
        }

        if (locale is not null && !IsLocale(locale))
        {
            errors.Add("locale", "ERR_INCLUSION", "is not included in the list");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var result = await grains.GetGrain<IRegistrationGrain>(username.ToLowerInvariant())
            .RegisterAsync(new NewAccount(username, email, password, DisplayName: ""));
        switch (result.Error)
        {
            case RegistrationError.UsernameTaken:
                errors.Add("username", "ERR_TAKEN", "has already been taken");
                return errors.ToResult();
            case RegistrationError.EmailTaken:
                errors.Add("email", "ERR_TAKEN", "has already been taken");
                return errors.ToResult();
        }

        // The filter guaranteed a token; the new user's token gets the app's scopes, so a client_credentials token
        // asked for write:accounts alone still signs the user in with what the app registered for.
        var grant = context.GetTokenGrant()!;
        var clientApp = await grains.GetGrain<IClientAppGrain>(grant.ClientId).GetAsync();
        var scopes = clientApp?.Scopes ?? grant.Scopes;
        var token = await TokenIssuer.IssueAsync(grains, timeProvider, result.AccountId, grant.ClientId, scopes);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(token, OAuthJsonContext.Default.TokenEntity);
    }

    // A language tag's shape (Mastodon lists its locales; Weft keeps none, so it checks the form clients send): a 2–3
    // letter language, then optionally a 4-letter script and a 2-letter or 3-digit region, by '-' or '_' ("en",
    // "pt-BR", "sr-Latn", "zh-Hant-TW", "es-419").
    private static bool IsLocale(string value) => LocaleTag().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?\z")]
    private static partial Regex LocaleTag();
}
