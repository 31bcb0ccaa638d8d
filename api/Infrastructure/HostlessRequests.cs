namespace Weft.Api.Infrastructure;

/// <summary>
/// HTTP/1.0 allows a request without a Host header (HTTP/1.1 does not: Kestrel refuses those). Every absolute URL in a
/// response is built from the host the client used, so such a request is given the address it reached instead of
/// answering "http://" links and an empty instance domain.
/// </summary>
public static class HostlessRequests
{
    public static WebApplication UseHostFallback(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            if (!context.Request.Host.HasValue)
            {
                var local = context.Connection.LocalIpAddress;
                context.Request.Host = local is null
                    ? new HostString("localhost")
                    : new HostString(local.IsIPv4MappedToIPv6 ? local.MapToIPv4().ToString() : local.ToString(), context.Connection.LocalPort);
            }

            return next(context);
        });
        return app;
    }
}
