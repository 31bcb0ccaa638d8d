using System.Net;

namespace Weft.Api.RateLimiting;

/// <summary>
/// The bucket a request counts against: its access token, or without one its client address. A struct of references
/// the request already holds, so finding the bucket allocates nothing.
/// </summary>
/// <param name="Token">The valid access token the request carried, or null.</param>
/// <param name="Address">The client address when there is no token (null if unknown: all such requests share a bucket).</param>
public readonly record struct RateLimitKey(string? Token, IPAddress? Address);
