namespace Weft.Api.Infrastructure;

/// <summary>
/// API answers are the caller's own (timelines, notifications, an app's secret): <c>Cache-Control: private, no-store</c>
/// on every <c>/api</c> answer unless its endpoint sets another, as Mastodon's API controllers send by default, so no
/// shared cache or browser history keeps them.
/// </summary>
public static class PrivateAnswers
{
    private const string NoStore = "private, no-store";

    /// <summary>Sets the header before the endpoint runs: an endpoint that caches differently replaces it.</summary>
    public static WebApplication UsePrivateAnswers(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.CacheControl = NoStore;
            }

            return next(context);
        });
        return app;
    }
}
