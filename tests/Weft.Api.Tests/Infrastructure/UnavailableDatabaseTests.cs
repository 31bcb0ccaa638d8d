using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Weft.Api.Tests.Support;
using Weft.Grains.Data;
using Weft.Testing.Doubles;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>A database that cannot serve for a moment (a refused connection, an exhausted pool) is a 503, not a 500.</summary>
public sealed class UnavailableDatabaseTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite();

    [Fact]
    public async Task A_failing_database_read_is_a_503_json_error_with_retry_after()
    {
        var logs = new CollectingLoggerProvider();
        using var failing = _factory.WithWebHostBuilder(builder => builder
            .ConfigureTestServices(services =>
            {
                PublicTimelineFails.Decorate(services);
                services.AddSingleton<ILoggerProvider>(logs);
            }));
        using var client = failing.CreateClient();

        using var response = await client.GetAsync("/api/v1/timelines/public");
        using var instance = await client.GetAsync("/api/v1/instance");

        var error = await JsonAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service temporarily unavailable", error.GetProperty("error").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);

        // One line saying what failed, not an "unhandled exception" with its stack.
        var logged = Assert.Single(logs.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Warning, null), (logged.Level, logged.Exception));
        Assert.Contains("GET /api/v1/timelines/public answered 503", logged.Message, StringComparison.Ordinal);
        Assert.Contains("connection pool is exhausted", logged.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Keeps every log entry written through it.</summary>
    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collecting(Entries);

        public void Dispose()
        {
        }

        private sealed class Collecting(ConcurrentQueue<(LogLevel, string, Exception?)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }

    /// <summary>The real store, except that the public timeline's query fails as a dropped connection would.</summary>
    public class PublicTimelineFails : ServiceProxy<ISocialStore>
    {
        public static void Decorate(IServiceCollection services) => Decorate<PublicTimelineFails>(services);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(ISocialStore.ListPublicStatusesAsync)
                ? Task.FromException<IReadOnlyList<long>>(new NpgsqlException("injected: the connection pool is exhausted"))
                : Forward(targetMethod, args);
    }
}
