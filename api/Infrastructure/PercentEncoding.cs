using System.Text.Unicode;

namespace Weft.Api.Infrastructure;

/// <summary>
/// Checks what a url-encoded form's percent escapes decode to. ASP.NET Core's form reader leaves an escape that does not
/// decode to UTF-8 (<c>%FF</c>) in the value as literal text, so invalid bytes would otherwise be stored as "%FF".
/// </summary>
public static class PercentEncoding
{
    /// <summary>Whether every run of percent escapes in <paramref name="body"/> decodes to valid UTF-8.</summary>
    public static bool DecodesToValidUtf8(ReadOnlySpan<byte> body)
    {
        // Escapes of ASCII bytes are always valid; only a body with an escaped byte of 0x80 or above needs decoding.
        if (!HasNonAsciiEscape(body))
        {
            return true;
        }

        var decoded = new byte[body.Length];
        var length = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'%' && i + 2 < body.Length && TryHex(body[i + 1], out var high) && TryHex(body[i + 2], out var low))
            {
                decoded[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                decoded[length++] = body[i];
            }
        }

        return Utf8.IsValid(decoded.AsSpan(0, length));
    }

    private static bool HasNonAsciiEscape(ReadOnlySpan<byte> body)
    {
        for (var i = body.IndexOf((byte)'%'); i >= 0 && i + 2 < body.Length; )
        {
            if (TryHex(body[i + 1], out var high) && high >= 8 && TryHex(body[i + 2], out _))
            {
                return true;
            }

            var next = body[(i + 1)..].IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static bool TryHex(byte c, out int value)
    {
        value = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
