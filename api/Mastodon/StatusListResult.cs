using Weft.Api.Infrastructure.Compression;

namespace Weft.Api.Mastodon;

/// <summary>
/// A JSON array of statuses for one viewer, written from each status's cached bytes straight into the response pipe,
/// gzip-compressed when the client accepts it.
/// </summary>
public sealed class StatusListResult : IResult, IStatusCodeHttpResult
{
    private readonly List<ComposedStatus> _statuses;
    private readonly long _viewerId;

    internal StatusListResult(List<ComposedStatus> statuses, long viewerId, int statusCode)
    {
        _statuses = statuses;
        _viewerId = viewerId;
        StatusCode = statusCode;
    }

    /// <inheritdoc />
    public int? StatusCode { get; }

    /// <summary>How many statuses the response holds.</summary>
    public int Count => _statuses.Count;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.Vary = "Accept-Encoding";

        // Compressed from each piece's cached deflate form, so gzip costs a copy and a checksum, not compression.
        var gzip = AcceptEncoding.AcceptsGzip(httpContext.Request);
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        // A known length spares the chunked encoding, and lets the body go into the pipe in one piece.
        var measure = new ResponsePieceMeasure(gzip);
        AddPieces(ref measure);
        var length = measure.Length;
        response.ContentLength = length;

        // Headers first: body bytes written before them are buffered by Kestrel and copied a second time.
        var start = response.StartAsync(httpContext.RequestAborted);
        return start.IsCompletedSuccessfully ? WriteBody(httpContext, length, gzip) : WriteAfterStartAsync(start, httpContext, length, gzip);
    }

    private async Task WriteAfterStartAsync(Task start, HttpContext httpContext, int length, bool gzip)
    {
        await start.ConfigureAwait(false);
        await WriteBody(httpContext, length, gzip).ConfigureAwait(false);
    }

    // Straight into the pipe's memory, and one Advance (Kestrel's pipe takes a lock on each). A page larger than a pool
    // block gets one array from the pipe.
    private Task WriteBody(HttpContext httpContext, int length, bool gzip)
    {
        var body = httpContext.Response.BodyWriter;
        var output = body.GetSpan(length)[..length];
        int written;
        if (gzip)
        {
            var writer = new GzipPieceWriter(output);
            AddPieces(ref writer);
            writer.Finish();
            written = writer.Written;
        }
        else
        {
            var writer = new Utf8PieceWriter(output);
            AddPieces(ref writer);
            written = writer.Written;
        }

        if (written != length)
        {
            throw new InvalidOperationException($"A status list measured {length} bytes but wrote {written}.");
        }

        body.Advance(written);
        var flush = body.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    // The JSON array, piece by piece: the same walk measures the body and writes it.
    private void AddPieces<TSink>(ref TSink sink)
        where TSink : IResponsePieceSink, allows ref struct
    {
        sink.Add(s_open);
        for (var i = 0; i < _statuses.Count; i++)
        {
            if (i > 0)
            {
                sink.Add(s_comma);
            }

            _statuses[i].AddPieces(ref sink, _viewerId);
        }

        sink.Add(s_close);
    }

    private static readonly ResponsePiece s_open = new("["u8.ToArray());

    private static readonly ResponsePiece s_comma = new(","u8.ToArray());

    private static readonly ResponsePiece s_close = new("]"u8.ToArray());
}
