namespace Weft.Api.Infrastructure;

/// <summary>
/// HEAD answered as GET without its body, as Rails answers it in front of Mastodon (link checkers and monitors ask
/// with HEAD). Minimal APIs route GET handlers for GET only, so a HEAD request is routed as GET; Kestrel still knows
/// the request line said HEAD and sends the headers alone.
/// </summary>
public static class HeadRequests
{
    /// <summary>Rewrites HEAD to GET, then routes: it must come before routing, which otherwise runs first.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        app.UseRouting();
        return app;
    }
}
