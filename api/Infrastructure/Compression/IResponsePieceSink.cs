namespace Weft.Api.Infrastructure.Compression;

/// <summary>Where a response assembled from <see cref="ResponsePiece"/>s goes, piece by piece, in order.</summary>
public interface IResponsePieceSink
{
    /// <summary>Takes the next piece.</summary>
    void Add(ResponsePiece piece);
}
