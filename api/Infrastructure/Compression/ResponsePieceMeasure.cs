namespace Weft.Api.Infrastructure.Compression;

/// <summary>Counts the bytes a sequence of pieces will take in the body, as UTF-8 or as gzip.</summary>
public struct ResponsePieceMeasure(bool gzip) : IResponsePieceSink
{
    private int _pieces;

    /// <summary>The body's length so far, the gzip header and trailer included when compressed.</summary>
    public readonly int Length => gzip ? GzipPieceWriter.HeaderAndTrailerLength + _pieces : _pieces;

    /// <inheritdoc />
    public void Add(ResponsePiece piece) => _pieces += gzip ? piece.Deflated.Data.Length : piece.Utf8.Length;
}
