namespace Weft.Api.Mastodon;

/// <summary>A JSON array of statuses for one viewer, written from each status's cached bytes straight into the response pipe.</summary>
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

    /// <summary>Keeps only statuses (or reblogged originals) tagged <paramref name="tag"/>, ignoring case.</summary>
    public void KeepTagged(string tag) =>
        _statuses.RemoveAll(status => !status.Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)));

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        // A known length spares the chunked encoding, and lets the body go into the pipe in one piece.
        var length = "[]".Length + Math.Max(0, _statuses.Count - 1);
        foreach (var status in _statuses)
        {
            length += status.JsonLength(_viewerId);
        }

        response.ContentLength = length;

        // Headers first: body bytes written before them are buffered by Kestrel and copied a second time.
        var start = response.StartAsync(httpContext.RequestAborted);
        return start.IsCompletedSuccessfully ? WriteBody(httpContext, length) : WriteAfterStartAsync(start, httpContext, length);
    }

    private async Task WriteAfterStartAsync(Task start, HttpContext httpContext, int length)
    {
        await start.ConfigureAwait(false);
        await WriteBody(httpContext, length).ConfigureAwait(false);
    }

    // Straight into the pipe's memory: one copy of each status's cached bytes, and one Advance (Kestrel's pipe takes a
    // lock on each). A page larger than a pool block gets one array from the pipe.
    private Task WriteBody(HttpContext httpContext, int length)
    {
        var body = httpContext.Response.BodyWriter;
        var output = body.GetSpan(length);
        output[0] = (byte)'[';
        var written = 1;
        for (var i = 0; i < _statuses.Count; i++)
        {
            if (i > 0)
            {
                output[written++] = (byte)',';
            }

            written += _statuses[i].WriteJson(output[written..], _viewerId);
        }

        output[written++] = (byte)']';
        if (written != length)
        {
            throw new InvalidOperationException($"A status list measured {length} bytes but wrote {written}.");
        }

        body.Advance(written);
        var flush = body.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
