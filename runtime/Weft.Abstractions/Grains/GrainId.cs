using System.Globalization;
using System.Text;

namespace Weft;

/// <summary>
/// The identity of a grain: its grain type (a stable name of the grain class, see <see cref="GrainTypeAttribute"/>)
/// and its key in canonical string form. Integer keys are stored in invariant decimal, Guid keys in "D" format.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    /// <summary>The longest key accepted, in UTF-8 bytes.</summary>
    public const int MaxKeyUtf8Bytes = 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates an id; the key must already be validated with <see cref="ValidateKey"/>.</summary>
    public GrainId(string grainType, string key)
    {
        GrainType = grainType;
        Key = key;
    }

    /// <summary>The grain type name, for example <c>counter</c>.</summary>
    public string GrainType { get; }

    /// <summary>The key in canonical string form.</summary>
    public string Key { get; }

    /// <summary>Canonical string form of an integer key.</summary>
    public static string FormatKey(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Canonical string form of a Guid key.</summary>
    public static string FormatKey(Guid key) => key.ToString("D");

    /// <summary>Checks that a string key is valid UTF-16 and at most <see cref="MaxKeyUtf8Bytes"/> UTF-8 bytes.</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ArgumentException">The key is too long or contains an unpaired surrogate.</exception>
    public static void ValidateKey(string key, string? paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        // A key of up to 341 chars is at most 1,023 UTF-8 bytes, so only longer keys need counting.
        if (key.Length * 3 <= MaxKeyUtf8Bytes && !HasSurrogates(key))
        {
            return;
        }

        int bytes;
        try
        {
            bytes = s_strictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("A grain key must be valid Unicode text; this one contains an unpaired surrogate.", paramName);
        }

        if (bytes > MaxKeyUtf8Bytes)
        {
            throw new ArgumentException(
                $"A grain key may be at most {MaxKeyUtf8Bytes} bytes in UTF-8; this one is {bytes} bytes.", paramName);
        }
    }

    private static bool HasSurrogates(string key)
    {
        foreach (var c in key)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool Equals(GrainId other) => string.Equals(GrainType, other.GrainType, StringComparison.Ordinal)
        && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        StringComparer.Ordinal.GetHashCode(GrainType), StringComparer.Ordinal.GetHashCode(Key));

    /// <summary>Equality.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    /// <summary>Returns <c>type/key</c>.</summary>
    public override string ToString() => $"{GrainType}/{Key}";
}
