using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Security;

/// <summary>Each limit on its own API with low limits configured under Weft:RateLimits.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_ups_over_the_per_address_limit_are_429_with_rate_limit_headers()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:Registrations:PermitLimit"] = "2",
            ["Weft:RateLimits:Registrations:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();
        var registrations = await Registration.RegistrationClient.CreateAsync(client);

        await JsonAsync(await registrations.RegisterAsync("limited_1", "limited1@example.test"), HttpStatusCode.OK);
        await JsonAsync(await registrations.RegisterAsync("limited_2", "limited2@example.test"), HttpStatusCode.OK);
        var refused = await registrations.RegisterAsync("limited_3", "limited3@example.test");

        var error = await JsonAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", error.GetProperty("error").GetString());
        Assert.Equal("2", refused.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.True(DateTimeOffset.TryParse(refused.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture, out var reset));
        Assert.InRange(reset, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));

        // The refused sign-up created no account.
        var app = await TestAccounts.CreateAppAsync(client);
        await OAuthErrorAsync(await client.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
            ("username", "limited_3"), ("password", TestAccounts.Password))), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Turned_off_limits_refuse_nothing_and_send_no_rate_limit_headers()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:Enabled"] = "false",
            ["Weft:RateLimits:Registrations:PermitLimit"] = "1",
            ["Weft:RateLimits:Registrations:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();
        var registrations = await Registration.RegistrationClient.CreateAsync(client);

        await JsonAsync(await registrations.RegisterAsync("unlimited_1", "unlimited1@example.test"), HttpStatusCode.OK);
        var second = await registrations.RegisterAsync("unlimited_2", "unlimited2@example.test");

        await JsonAsync(second, HttpStatusCode.OK);
        Assert.False(second.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Requests_with_a_token_are_limited_per_token_and_report_what_is_left()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:PerToken:PermitLimit"] = "3",
            ["Weft:RateLimits:PerToken:Window"] = "01:00:00",
        });
        using var setup = factory.CreateClient();
        var first = await TestAccounts.RegisterAsync(setup, "busy_one");
        var second = await TestAccounts.RegisterAsync(setup, "busy_two");
        using var busy = factory.CreateClient();
        TestAccounts.Authorize(busy, first);
        using var other = factory.CreateClient();
        TestAccounts.Authorize(other, second);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.GetAsync("/api/v1/preferences"));
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            answers.Select(answer => answer.StatusCode));
        Assert.Equal(["2", "1", "0"], answers.Take(3).Select(answer => answer.Headers.GetValues("X-RateLimit-Remaining").Single()));
        Assert.Equal("3", answers[0].Headers.GetValues("X-RateLimit-Limit").Single());
        await JsonAsync(answers[3], HttpStatusCode.TooManyRequests);
        await JsonAsync(await other.GetAsync("/api/v1/preferences"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Successful_responses_carry_the_limit_what_is_left_and_when_the_window_resets()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:PerToken:PermitLimit"] = "50",
            ["Weft:RateLimits:PerToken:Window"] = "00:10:00",
        });
        using var setup = factory.CreateClient();
        var user = await TestAccounts.RegisterAsync(setup, "counted");
        using var client = factory.CreateClient();
        TestAccounts.Authorize(client, user);
        var before = DateTimeOffset.UtcNow;

        var first = await client.GetAsync("/api/v1/timelines/home");
        var second = await client.GetAsync("/api/v1/timelines/home");

        await JsonAsync(first, HttpStatusCode.OK);
        await JsonAsync(second, HttpStatusCode.OK);
        Assert.Equal("50", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("50", second.Headers.GetValues("X-RateLimit-Limit").Single());
        var remaining = new[] { first, second }.Select(r => int.Parse(r.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(remaining[0] - 1, remaining[1]);
        Assert.InRange(remaining[0], 0, 49);
        var reset = ParseReset(first);
        Assert.Equal(reset, ParseReset(second));
        Assert.InRange(reset, before.AddMinutes(10).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
    }

    [Fact]
    public async Task Anonymous_responses_count_against_the_address_and_say_so()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:PerAddress:PermitLimit"] = "40",
            ["Weft:RateLimits:PerAddress:Window"] = "00:05:00",
        });
        using var client = factory.CreateClient();

        var first = await client.GetAsync("/api/v1/instance");
        var second = await client.GetAsync("/api/v1/timelines/public");

        await JsonAsync(first, HttpStatusCode.OK);
        await JsonAsync(second, HttpStatusCode.OK);
        Assert.Equal("40", second.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal(
            int.Parse(first.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture) - 1,
            int.Parse(second.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture));
        Assert.InRange(ParseReset(second), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));
    }

    [Fact]
    public async Task Unknown_tokens_count_against_the_address_and_known_ones_keep_their_own_bucket()
    {
        // The guesser gets an address of its own (X-Forwarded-For), apart from the set-up's anonymous requests.
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Weft:RateLimits:PerAddress:PermitLimit"] = "2",
            ["Weft:RateLimits:PerAddress:Window"] = "01:00:00",
        });
        using var setup = factory.CreateClient();
        var user = await TestAccounts.RegisterAsync(setup, "guessed_at");
        using var guesser = factory.CreateClient();
        using var owner = factory.CreateClient();
        TestAccounts.Authorize(owner, user);

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/home");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"guess-{i}");
            request.Headers.Add("X-Forwarded-For", "203.0.113.50");
            var response = await guesser.SendAsync(request);
            await JsonAsync(response, response.StatusCode);
            guesses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses);

        // The token's owner, at the same address, counts against the token's own bucket.
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/home");
        own.Headers.Add("X-Forwarded-For", "203.0.113.50");
        await JsonAsync(await owner.SendAsync(own), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_tokens_are_401_with_rate_limits_off()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:RateLimits:Enabled"] = "false" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/public");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        var response = await client.SendAsync(request);

        await JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_requests_over_the_login_limit_are_429()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:Login:PermitLimit"] = "3",
            ["Weft:RateLimits:Login:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();
        var app = await TestAccounts.CreateAppAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/oauth/token", Form(
                ("grant_type", "password"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
                ("username", "guess"), ("password", $"guess {i}")));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests],
            statuses);
    }

    // Mastodon's X-RateLimit-Reset is an ISO 8601 time in UTC.
    private static DateTimeOffset ParseReset(HttpResponseMessage response) =>
        DateTimeOffset.ParseExact(
            response.Headers.GetValues("X-RateLimit-Reset").Single(), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
