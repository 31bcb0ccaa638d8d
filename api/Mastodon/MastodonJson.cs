using System.Text.Encodings.Web;
using System.Text.Json;

namespace Weft.Api.Mastodon;

/// <summary>
/// The serializer context the endpoints use: HTML-significant characters stay unescaped in JSON strings (the body is
/// application/json, never inlined into a page), as Mastodon sends them, which keeps responses small.
/// </summary>
public static class MastodonJson
{
    /// <summary>Options shared by every Mastodon response.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The context bound to <see cref="Options"/>.</summary>
    public static MastodonJsonContext Context { get; } = new(Options);
}
