using System.Buffers;

namespace Weft.Api.Mastodon;

/// <summary>A JSON array of statuses for one viewer, written from each status's cached bytes straight into the response pipe.</summary>
public sealed class StatusListResult : IResult, IStatusCodeHttpResult
{
    // Kestrel's pipe takes a lock on every Advance, so the many small writes go to a reused buffer first and reach the
    // pipe as one copy.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

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

    /// <summary>Keeps only statuses (or reblogged originals) tagged <paramref name="tag"/>, ignoring case.</summary>
    public void KeepTagged(string tag) =>
        _statuses.RemoveAll(status => !status.Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)));

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var output = s_buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        output.ResetWrittenCount();
        output.Write("["u8);
        for (var i = 0; i < _statuses.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            _statuses[i].WriteJson(output, _viewerId);
        }

        output.Write("]"u8);

        // A known length spares the chunked encoding.
        response.ContentLength = output.WrittenCount;

        // Headers first: body bytes written before them are buffered by Kestrel and copied a second time.
        var start = response.StartAsync(httpContext.RequestAborted);
        if (!start.IsCompletedSuccessfully)
        {
            // The rest may run on another thread: this buffer now belongs to this response alone.
            s_buffer = null;
            return WriteAfterStartAsync(start, httpContext, output);
        }

        if (output.Capacity > 1024 * 1024)
        {
            s_buffer = null; // an unusually large page: do not keep its buffer alive
        }

        return WriteBody(httpContext, output);
    }

    private static async Task WriteAfterStartAsync(Task start, HttpContext httpContext, ArrayBufferWriter<byte> output)
    {
        await start.ConfigureAwait(false);
        await WriteBody(httpContext, output).ConfigureAwait(false);
    }

    private static Task WriteBody(HttpContext httpContext, ArrayBufferWriter<byte> output)
    {
        var body = httpContext.Response.BodyWriter;
        body.Write(output.WrittenSpan);
        var flush = body.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
