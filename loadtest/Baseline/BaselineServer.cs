using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Weft.LoadTest.Baseline;

/// <summary>
/// The yardstick: a minimal Kestrel endpoint answering TechEmpower's JSON test (<c>{"message":"Hello, World!"}</c>
/// serialized per request), run as its own process like the API, measured with the same wrk settings.
/// </summary>
internal static class BaselineServer
{
    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // Scheduled as the API is: with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 requests run on the socket
        // threads (the API's SocketThreadScheduling), so both sides of a ratio run the same way.
        builder.Services.Configure<SocketTransportOptions>(options =>
            options.UnsafePreferInlineScheduling = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1");
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));
        var app = builder.Build();
        app.MapGet("/json", static () => Results.Json(new HelloMessage("Hello, World!"), BaselineJsonContext.Default.HelloMessage));
        app.MapGet("/health", static () => Results.Ok());
        await app.RunAsync();
    }
}
