namespace Weft.Api.Infrastructure;

/// <summary>
/// A client error raised anywhere in endpoint code; <see cref="ErrorHandlingExtensions.UseApiErrors"/> answers it as
/// Mastodon's JSON error body with <see cref="StatusCode"/>.
/// </summary>
public sealed class ApiException(int statusCode, string error, string? description = null) : Exception(error)
{
    /// <summary>The HTTP status to answer with (4xx).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The <c>error</c> field.</summary>
    public string Error { get; } = error;

    /// <summary>The <c>error_description</c> field, or null.</summary>
    public string? Description { get; } = description;
}
