using System.Buffers.Binary;

namespace Weft.Api.Infrastructure.Compression;

/// <summary>
/// Writes one gzip member (RFC 1952) from pieces' cached deflate forms into a span measured beforehand: the header,
/// each piece's deflate data, an empty final block, then the CRC-32 and length of the uncompressed bytes,
/// the CRC combined from the pieces' own without reading their bytes.
/// </summary>
public ref struct GzipPieceWriter : IResponsePieceSink
{
    /// <summary>The header (10 bytes), the empty final block (2) and the trailer (8) around the pieces' data.</summary>
    public const int HeaderAndTrailerLength = 10 + 2 + 8;

    // Deflate, no flags, no modification time, no extra flags, operating system unknown.
    private static ReadOnlySpan<byte> Header => [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF];

    // A final block with fixed Huffman codes holding only its end-of-block code, padded to the byte.
    private static ReadOnlySpan<byte> EmptyFinalBlock => [0x03, 0x00];

    private readonly Span<byte> _output;
    private uint _crc;
    private uint _uncompressedLength;

    /// <summary>Starts a member at the start of <paramref name="output"/>.</summary>
    public GzipPieceWriter(Span<byte> output)
    {
        _output = output;
        Header.CopyTo(output);
        Written = Header.Length;
    }

    /// <summary>Bytes written so far.</summary>
    public int Written { get; private set; }

    /// <inheritdoc />
    public void Add(ResponsePiece piece)
    {
        var deflated = piece.Deflated;
        deflated.Data.CopyTo(_output[Written..]);
        Written += deflated.Data.Length;
        _crc = Crc32Combination.Append(_crc, deflated.Crc, deflated.CrcShift);
        _uncompressedLength += (uint)piece.Utf8.Length;
    }

    /// <summary>Ends the member; the writer is done after this.</summary>
    public void Finish()
    {
        EmptyFinalBlock.CopyTo(_output[Written..]);
        Written += EmptyFinalBlock.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(_output[Written..], _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(_output[(Written + 4)..], _uncompressedLength);
        Written += 8;
    }
}
