using System.Security.Cryptography;
using System.Text;

namespace Weft.Api.Statuses;

/// <summary>
/// The <c>Idempotency-Key</c> of a post as the account grain remembers it. Mastodon puts no limit on its length; a key
/// longer than <see cref="MaxStoredLength"/> characters is remembered by its SHA-256 instead, so retries with it still
/// return the first post while the account's stored keys stay small.
/// </summary>
public static class IdempotencyKey
{
    public const int MaxStoredLength = 256;

    /// <summary>The key to remember for the header's value; null for none.</summary>
    public static string? FromHeader(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        return header.Length <= MaxStoredLength ? header : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
    }
}
