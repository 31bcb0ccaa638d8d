namespace Weft.Api.Tests.Support;

/// <summary>Settings that lift request rate limits, for test classes that send many requests from one address.</summary>
public static class HighLimits
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Weft:RateLimits:PerToken:PermitLimit"] = "1000000",
        ["Weft:RateLimits:PerAddress:PermitLimit"] = "1000000",
        ["Weft:RateLimits:Registrations:PermitLimit"] = "1000000",
    };
}
