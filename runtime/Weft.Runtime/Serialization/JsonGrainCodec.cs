using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Weft.Invocation;

namespace Weft.Runtime.Serialization;

/// <summary>
/// Serializes grain state and copies mutable call arguments, as UTF-8 JSON through System.Text.Json.
/// Local calls copy only values the source generator could not prove immutable.
/// </summary>
internal sealed class JsonGrainCodec : IDeepCopier
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainCodec(IOptions<GrainCodecOptions> options)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. options.Value.TypeInfoResolvers, new DefaultJsonTypeInfoResolver()]),
        };
        _options.MakeReadOnly();
    }

    public byte[] Serialize<T>(T value)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"A value of type {typeof(T).FullName} cannot be serialized: {e.Message}", e);
        }
    }

    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, TypeInfo<T>())
                ?? throw new JsonException("the stored value is null");
        }
        catch (Exception e) when (e is NotSupportedException or JsonException)
        {
            throw new InvalidOperationException($"Stored data cannot be read as {typeof(T).FullName}: {e.Message}", e);
        }
    }

    public T Copy<T>(T value)
    {
        if (value is null)
        {
            return value;
        }

        var typeInfo = TypeInfo<T>();
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
            return JsonSerializer.Deserialize(bytes, typeInfo)!;
        }
        catch (Exception e) when (e is NotSupportedException or JsonException)
        {
            throw new InvalidOperationException(
                $"A grain call argument or result of type {typeof(T).FullName} cannot be copied by the codec: {e.Message}. " +
                "Make the type serializable with System.Text.Json, or mark it [Immutable] if it never changes after creation.", e);
        }
    }

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
