using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Weft.Api.Hosting;

/// <summary>
/// Requests on the socket threads, when the operator asks for it with .NET's own switch,
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>: socket completions then run on the threads that poll the
/// sockets instead of being queued to the thread pool, and Kestrel runs each request there too
/// (<see cref="SocketTransportOptions.UnsafePreferInlineScheduling"/>), as ASP.NET Core's TechEmpower entries do. A
/// request no longer changes threads on its way in and out, nor do grain calls answered from memory; the warm home
/// timeline served 6–11 % more requests on a 2-core machine (docs/performance.md). Off by default: a request that
/// blocks (SQLite's calls are synchronous) holds up every connection polled by its thread. Kestrel's half alone
/// measured slower, so one switch turns on both.
/// </summary>
public static class SocketThreadScheduling
{
    /// <summary>The environment variable .NET's sockets read once, at their first use in the process.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether the process was started with requests on the socket threads.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Lets Kestrel run requests on the socket threads when the switch is on.</summary>
    public static IServiceCollection AddSocketThreadScheduling(this IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(options => options.UnsafePreferInlineScheduling = Enabled);

    /// <summary>Says at start-up that requests run on the socket threads, and what that asks of them.</summary>
    public static WebApplication LogSocketThreadScheduling(this WebApplication app)
    {
        // What Kestrel was given, not the variable alone: the warning says how requests are actually scheduled.
        if (!app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling)
        {
            return app;
        }

        app.Logger.LogWarning(
            "Requests run on the socket threads ({Variable}=1): a request that blocks holds up every connection on its thread.",
            Variable);
        if (SqliteProviders(app.Configuration).FirstOrDefault() is { } sqlite)
        {
            app.Logger.LogWarning(
                "{Setting} is SQLite, whose calls are synchronous: each one holds a socket thread. Unset {Variable} with SQLite.",
                sqlite,
                Variable);
        }

        return app;
    }

    // The storage and stream providers configured as SQLite, by their Provider setting's name.
    private static IEnumerable<string> SqliteProviders(IConfiguration configuration) =>
        from section in (string[])["Weft:Storage", "Weft:Streams"]
        from provider in configuration.GetSection(section).GetChildren()
        where string.Equals(provider["Provider"], "Sqlite", StringComparison.OrdinalIgnoreCase)
        select $"{section}:{provider.Key}:Provider";
}
