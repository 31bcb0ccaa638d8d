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
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));
        var app = builder.Build();
        app.MapGet("/json", static () => Results.Json(new HelloMessage("Hello, World!"), BaselineJsonContext.Default.HelloMessage));
        app.MapGet("/health", static () => Results.Ok());
        await app.RunAsync();
    }
}
