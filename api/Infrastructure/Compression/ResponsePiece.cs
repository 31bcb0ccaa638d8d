using System.IO.Compression;

namespace Weft.Api.Infrastructure.Compression;

/// <summary>
/// A run of UTF-8 bytes that responses are assembled from, with its raw deflate form made once, on first use. Each
/// deflate form ends on a sync flush (byte-aligned, not final), so forms written one after another make one valid
/// deflate stream: a gzip response built from cached pieces costs copies, not compression.
/// </summary>
public sealed class ResponsePiece
{
    private static readonly byte[] s_syncFlushMarker = [0x00, 0x00, 0xFF, 0xFF];

    private readonly byte[] _utf8;
    private readonly int _start;
    private readonly int _length;
    private DeflatedPiece? _deflated;

    /// <summary>The whole of <paramref name="utf8"/>, which the piece keeps and never changes.</summary>
    public ResponsePiece(byte[] utf8)
        : this(utf8, 0, utf8.Length)
    {
    }

    /// <summary><paramref name="length"/> bytes of <paramref name="utf8"/> from <paramref name="start"/>.</summary>
    public ResponsePiece(byte[] utf8, int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start + (ulong)(uint)length, (ulong)utf8.Length, nameof(length));
        _utf8 = utf8;
        _start = start;
        _length = length;
    }

    /// <summary>The piece as sent without compression.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8.AsSpan(_start, _length);

    /// <summary>
    /// The piece as raw deflate data ending on a sync flush, with its CRC; concurrent first calls may each compress,
    /// harmlessly.
    /// </summary>
    public DeflatedPiece Deflated => _deflated ??= new DeflatedPiece(Deflate(Utf8), Crc32Combination.Compute(Utf8), Crc32Combination.ShiftFor(_length));

    private static byte[] Deflate(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return [];
        }

        // Compressed once per piece and copied into many responses, so the smallest size is worth its CPU.
        using var output = new MemoryStream((utf8.Length / 2) + 16);
        using var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(utf8);

        // Flush is zlib's sync flush: everything so far, then an empty stored block that ends on a byte boundary.
        // What Dispose adds after it (the final block) is not taken.
        deflate.Flush();
        var deflated = output.ToArray();
        return deflated.AsSpan().EndsWith(s_syncFlushMarker)
            ? deflated
            : throw new InvalidOperationException("Deflate's flush did not end on a sync-flush marker.");
    }
}
