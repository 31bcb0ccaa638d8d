using Weft.Api.Infrastructure.Compression;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Mastodon;

/// <summary>One status as one viewer sees it: its cached base rendering, the viewer's view of it, and its original if a reblog.</summary>
internal sealed record ComposedStatus(CachedStatus Base, StatusView View, ComposedStatus? Original)
{
    /// <summary>The entity with the viewer's marks (none for anonymous viewers, as Mastodon does).</summary>
    public Status ToEntity(long viewerId)
    {
        var original = Original?.ToEntity(viewerId);
        if (viewerId == 0)
        {
            return original is null ? Base.Status : Base.Status with { Reblog = original };
        }

        return Base.Status with
        {
            Favourited = View.Favourited,
            Reblogged = View.Reblogged,
            Muted = false,
            Bookmarked = View.Bookmarked,
            Pinned = IsPinnable(viewerId) ? View.Pinned : null,
            Filtered = [],
            Reblog = original,
        };
    }

    /// <summary>
    /// Gives <paramref name="sink"/> the pieces of the same JSON as <see cref="ToEntity"/> would serialize to, from
    /// cached bytes: the base around its <c>reblog</c> value, then the viewer's marks and the closing brace.
    /// </summary>
    public void AddPieces<TSink>(ref TSink sink, long viewerId)
        where TSink : IResponsePieceSink, allows ref struct
    {
        var json = Base.Bytes;
        sink.Add(json.BeforeReblog);
        if (Original is null)
        {
            sink.Add(s_null);
        }
        else
        {
            Original.AddPieces(ref sink, viewerId);
        }

        sink.Add(json.AfterReblog);
        sink.Add(Marks(viewerId));
    }

    // The viewer's marks and the closing brace, one of a few fixed pieces (none for anonymous viewers).
    private ResponsePiece Marks(long viewerId) =>
        viewerId == 0
            ? s_closingBrace
            : s_marks[(View.Favourited ? 1 : 0) | (View.Reblogged ? 2 : 0) | (View.Bookmarked ? 4 : 0) | (IsPinnable(viewerId) ? (View.Pinned ? 16 : 8) : 0)];

    private static readonly ResponsePiece s_null = new("null"u8.ToArray());

    private static readonly ResponsePiece s_closingBrace = new("}"u8.ToArray());

    // Flags: 1 favourited, 2 reblogged, 4 bookmarked, 8 pinnable and not pinned, 16 pinned.
    private static readonly ResponsePiece[] s_marks = [.. Enumerable.Range(0, 32).Select(flags => new ResponsePiece(System.Text.Encoding.UTF8.GetBytes(
        $",\"favourited\":{Bool(flags & 1)},\"reblogged\":{Bool(flags & 2)},\"muted\":false,\"bookmarked\":{Bool(flags & 4)}" +
        ((flags & 24) != 0 ? $",\"pinned\":{Bool(flags & 16)}" : "") + ",\"filtered\":[]}")))];

    private static string Bool(int flag) => flag != 0 ? "true" : "false";

    // Mastodon shows `pinned` only to the author of a status that could be pinned: not a reblog, not direct.
    private bool IsPinnable(long viewerId) =>
        View.Status.AccountId == viewerId && View.Status.ReblogOfId is null && View.Status.Visibility != StatusVisibility.Direct;
}
