namespace Weft.Api.RateLimiting;

/// <summary>
/// Settings under <c>Weft:RateLimits</c>. Defaults follow Mastodon: 300 requests per 5 minutes per access token (or
/// per client address without one), 25 logins per 5 minutes and 5 sign-ups per 30 minutes per address. Load tests
/// and API tests raise them.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:RateLimits";

    /// <summary>Whether the request-rate limits apply at all (the body size limit always does); load tests turn them off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per access token.</summary>
    public RateLimitRule PerToken { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Requests without a token, per client address.</summary>
    public RateLimitRule PerAddress { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(5) };

    /// <summary>POST /oauth/token and the login form, per client address (password guessing).</summary>
    public RateLimitRule Login { get; set; } = new() { PermitLimit = 25, Window = TimeSpan.FromMinutes(5) };

    /// <summary>POST /api/v1/accounts, per client address.</summary>
    public RateLimitRule Registrations { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(30) };

    /// <summary>The largest request body accepted, in bytes (413 beyond it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
