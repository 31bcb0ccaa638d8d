namespace Weft.Api.Tests.Support;

/// <summary>Settings that lift request rate limits, for tests that send many requests at once.</summary>
public static class HighLimits
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Weft:RateLimits:Enabled"] = "false",
    };
}
