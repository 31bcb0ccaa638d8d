using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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
        using var failing = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(PublicTimelineFails.Decorate));
        using var client = failing.CreateClient();

        using var response = await client.GetAsync("/api/v1/timelines/public");
        using var instance = await client.GetAsync("/api/v1/instance");

        var error = await JsonAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service temporarily unavailable", error.GetProperty("error").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
    }

    public void Dispose() => _factory.Dispose();

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
