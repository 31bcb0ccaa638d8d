namespace Weft.Api.RateLimiting;

/// <summary>Names of the per-endpoint rate-limit policies, for <c>RequireRateLimiting</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>Token requests and the login form, per client address.</summary>
    public const string Login = "login";

    /// <summary>Account sign-ups, per client address.</summary>
    public const string Registrations = "registrations";
}
