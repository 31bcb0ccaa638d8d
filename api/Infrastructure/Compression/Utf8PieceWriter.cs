namespace Weft.Api.Infrastructure.Compression;

/// <summary>Copies pieces uncompressed into a span measured beforehand.</summary>
public ref struct Utf8PieceWriter(Span<byte> output) : IResponsePieceSink
{
    private readonly Span<byte> _output = output;

    /// <summary>Bytes written so far.</summary>
    public int Written { get; private set; }

    /// <inheritdoc />
    public void Add(ResponsePiece piece)
    {
        piece.Utf8.CopyTo(_output[Written..]);
        Written += piece.Utf8.Length;
    }
}
