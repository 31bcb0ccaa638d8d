using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Api.Auth;

/// <summary>Creates bearer tokens and authorization codes, and hashes them: only hashes are stored.</summary>
public static class AccessTokens
{
    /// <summary>A new random token: 32 bytes from the OS's CSPRNG, base64url without padding (43 characters).</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the token, lower-case hex: the key of its token or code grain.</summary>
    public static string Hash(string token)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var length = Encoding.UTF8.GetByteCount(token);
        var bytes = length <= utf8.Length ? utf8[..length] : new byte[length];
        Encoding.UTF8.GetBytes(token, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
