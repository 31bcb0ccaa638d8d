using System.Buffers;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Mastodon;

/// <summary>One status as one viewer sees it: its cached base rendering, the viewer's view of it, and its original if a reblog.</summary>
internal sealed record ComposedStatus(CachedStatus Base, StatusView View, ComposedStatus? Original)
{
    /// <summary>The hashtags that count for "tagged" filters: the original's for a reblog.</summary>
    public System.Collections.Immutable.ImmutableArray<string> Tags => (Original?.Base ?? Base).Snapshot.Tags;

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
            Pinned = IsOwn(viewerId) ? false : null,
            Filtered = [],
            Reblog = original,
        };
    }

    /// <summary>Writes the same JSON as <see cref="ToEntity"/> would serialize to, from cached bytes.</summary>
    public void WriteJson(IBufferWriter<byte> output, long viewerId)
    {
        var json = Base.Bytes;
        var utf8 = json.Utf8.AsSpan();
        output.Write(utf8[..json.ReblogValueOffset]);
        if (Original is null)
        {
            output.Write("null"u8);
        }
        else
        {
            Original.WriteJson(output, viewerId);
        }

        // The rest of the object without its closing brace, then the viewer's marks.
        output.Write(utf8[(json.ReblogValueOffset + "null".Length)..^1]);
        if (viewerId != 0)
        {
            output.Write(View.Favourited ? ",\"favourited\":true"u8 : ",\"favourited\":false"u8);
            output.Write(View.Reblogged ? ",\"reblogged\":true"u8 : ",\"reblogged\":false"u8);
            output.Write(",\"muted\":false"u8);
            output.Write(View.Bookmarked ? ",\"bookmarked\":true"u8 : ",\"bookmarked\":false"u8);
            if (IsOwn(viewerId))
            {
                output.Write(",\"pinned\":false"u8);
            }

            output.Write(",\"filtered\":[]"u8);
        }

        output.Write("}"u8);
    }

    private bool IsOwn(long viewerId) => View.Status.AccountId == viewerId && View.Status.ReblogOfId is null;
}
