namespace Weft.Api.OAuth;

/// <summary>Services of the OAuth endpoints.</summary>
public static class OAuthServiceCollectionExtensions
{
    /// <summary>Antiforgery for the login form (its token in a cookie and a hidden field).</summary>
    public static IServiceCollection AddOAuthServices(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "weft.antiforgery";
            options.FormFieldName = "authenticity_token";
            // The login page sets its own, stricter X-Frame-Options (DENY).
            options.SuppressXFrameOptionsHeader = true;
        });
}
