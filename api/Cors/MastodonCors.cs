namespace Weft.Api.Cors;

/// <summary>
/// Cross-origin access as Mastodon allows it, so browser clients on other origins (Elk, Phanpy, masto.js) work: any
/// origin, without credentials (tokens travel in the Authorization header), on the API, the token endpoints and the
/// well-known documents; the login page is not shared. Paging and rate-limit headers are exposed to scripts.
/// </summary>
public static class MastodonCors
{
    private const string PolicyName = "Mastodon";

    // Mastodon's config/initializers/cors.rb shares these paths.
    private static readonly string[] s_sharedPaths = ["/api", "/oauth/token", "/oauth/revoke", "/.well-known"];

    /// <summary>Registers the policy.</summary>
    public static IServiceCollection AddMastodonCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
            .WithExposedHeaders("Link", "X-RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Request-Id")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    /// <summary>Answers preflights and adds the headers on the shared paths; before tokens and rate limits, which preflights do not carry.</summary>
    public static WebApplication UseMastodonCors(this WebApplication app)
    {
        app.UseWhen(
            context => IsShared(context.Request.Path),
            shared => shared.UseCors(PolicyName));
        return app;
    }

    private static bool IsShared(PathString path)
    {
        foreach (var shared in s_sharedPaths)
        {
            if (path.StartsWithSegments(shared, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
