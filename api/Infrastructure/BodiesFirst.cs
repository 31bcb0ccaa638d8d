using Microsoft.AspNetCore.Http.Features;

namespace Weft.Api.Infrastructure;

/// <summary>
/// Every API request's body is read before its endpoint runs, as Rails parses a request's parameters before any action
/// of Mastodon's: an endpoint that takes no parameters (favourite, delete, clear notifications…) would otherwise act
/// on a request whose body is malformed JSON or a broken form. Such a request gets its 4xx and changes nothing; the
/// endpoint that does read the body gets the same parsed one.
/// </summary>
public static class BodiesFirst
{
    /// <summary>After authentication and rate limits: a refused request's body is not worth reading.</summary>
    public static WebApplication UseBodiesFirst(this WebApplication app)
    {
        app.Use(static async (context, next) =>
        {
            // The login page's form (/oauth/authorize) answers in HTML and reads its own; OAuth's JSON endpoints read
            // theirs through RequestBody anyway.
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && context.GetEndpoint() is not null
                && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
            {
                await RequestBody.ReadAsync(context.Request, context.RequestAborted);
            }

            await next(context);
        });
        return app;
    }
}
