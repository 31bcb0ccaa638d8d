using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Weft.Api.Mastodon;

/// <summary>
/// How Mastodon entities become JSON: HTML-significant characters stay unescaped in JSON strings (the body is
/// application/json, never inlined into a page), as Mastodon sends them, which keeps responses small.
/// </summary>
/// <remarks>
/// The encoder lives in the writer, not in serializer options: a context bound to options with a custom encoder no
/// longer uses its generated serializers and falls back to the slower metadata-driven ones. So the context keeps its
/// default options, and every Mastodon entity is written through <see cref="WriterOptions"/>.
/// </remarks>
public static class MastodonJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The writer settings of every Mastodon response.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The source-generated serializers, with their fast paths in use.</summary>
    public static MastodonJsonContext Context => MastodonJsonContext.Default;

    /// <summary>Writes <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> output, T value, JsonTypeInfo<T> typeInfo)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    /// <summary><paramref name="value"/> as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> typeInfo) => Write(value, typeInfo).ToArray();

    /// <summary><paramref name="value"/> as a JSON string.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => Encoding.UTF8.GetString(Write(value, typeInfo));

    // Into this thread's buffer, reused by the next call: callers copy the bytes out before returning.
    private static ReadOnlySpan<byte> Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Serialize(buffer, value, typeInfo);
        return buffer.WrittenSpan;
    }
}
