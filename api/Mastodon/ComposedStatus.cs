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

    /// <summary>How many bytes <see cref="WriteJson"/> writes for <paramref name="viewerId"/>.</summary>
    public int JsonLength(long viewerId) =>
        Base.Bytes.Utf8.Length - "null".Length + (Original?.JsonLength(viewerId) ?? "null".Length) - "}".Length + Marks(viewerId).Length;

    /// <summary>
    /// Writes the same JSON as <see cref="ToEntity"/> would serialize to, from cached bytes, into the start of
    /// <paramref name="output"/> (at least <see cref="JsonLength"/> bytes); returns the bytes written.
    /// </summary>
    public int WriteJson(Span<byte> output, long viewerId)
    {
        var json = Base.Bytes;
        var utf8 = json.Utf8.AsSpan();
        var written = Append(output, 0, utf8[..json.ReblogValueOffset]);
        written = Original is null ? Append(output, written, "null"u8) : written + Original.WriteJson(output[written..], viewerId);

        // The rest of the object without its closing brace, then the viewer's marks and the brace.
        written = Append(output, written, utf8[(json.ReblogValueOffset + "null".Length)..^1]);
        return Append(output, written, Marks(viewerId));
    }

    private static int Append(Span<byte> output, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output[at..]);
        return at + bytes.Length;
    }

    // The viewer's marks and the closing brace, one of a few fixed byte strings (none for anonymous viewers).
    private ReadOnlySpan<byte> Marks(long viewerId) =>
        viewerId == 0 ? "}"u8 : s_marks[(View.Favourited ? 1 : 0) | (View.Reblogged ? 2 : 0) | (View.Bookmarked ? 4 : 0) | (IsOwn(viewerId) ? 8 : 0)];

    private static readonly byte[][] s_marks = [.. Enumerable.Range(0, 16).Select(flags => System.Text.Encoding.UTF8.GetBytes(
        $",\"favourited\":{Bool(flags & 1)},\"reblogged\":{Bool(flags & 2)},\"muted\":false,\"bookmarked\":{Bool(flags & 4)}" +
        ((flags & 8) != 0 ? ",\"pinned\":false" : "") + ",\"filtered\":[]}"))];

    private static string Bool(int flag) => flag != 0 ? "true" : "false";

    private bool IsOwn(long viewerId) => View.Status.AccountId == viewerId && View.Status.ReblogOfId is null;
}
