using System.IO.Compression;

namespace Weft.Api.Tests.Support;

/// <summary>Reads gzip bodies back.</summary>
public static class Gzip
{
    /// <summary>The decompressed bytes; GZipStream checks the trailer's CRC-32 and length, so a wrong one throws.</summary>
    public static byte[] Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
