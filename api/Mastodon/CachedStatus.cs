using Weft.Api.Infrastructure.Compression;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Mastodon;

/// <summary>
/// The viewer-independent rendering of one status, kept until its snapshot, its author's rendering or its original's
/// rendering changes: the entity, and lazily its JSON bytes for the list endpoints.
/// </summary>
internal sealed class CachedStatus(StatusSnapshot snapshot, Account author, CachedStatus? reblogBase, string origin, Status status)
{
    private static readonly byte[] s_reblogNull = "\"reblog\":null"u8.ToArray();

    private Json? _json;

    public StatusSnapshot Snapshot { get; } = snapshot;

    public Account Author { get; } = author;

    public CachedStatus? ReblogBase { get; } = reblogBase;

    public string Origin { get; } = origin;

    /// <summary>The entity without viewer marks; for a reblog, <see cref="Status.Reblog"/> is the original's base.</summary>
    public Status Status { get; } = status;

    /// <summary>
    /// The entity serialized without viewer marks, in the two pieces around its <c>reblog</c> value, so a writer can
    /// put <c>null</c> or the original (with its own marks) between them, and the viewer's marks after.
    /// </summary>
    public Json Bytes => _json ??= Serialize(Status with { Reblog = null });

    private static Json Serialize(Status status)
    {
        var bytes = MastodonJson.SerializeToUtf8Bytes(status, MastodonJson.Context.Status);

        // Properties are written in declaration order and nothing before "reblog" holds an object, so the first match is
        // the top-level property; inside JSON strings a quote is always escaped, so text cannot forge the match.
        var at = bytes.AsSpan().IndexOf(s_reblogNull);
        if (at < 0)
        {
            throw new InvalidOperationException("A serialized status has no \"reblog\":null property.");
        }

        var reblogValue = at + s_reblogNull.Length - "null".Length;
        var afterReblog = reblogValue + "null".Length;
        return new Json(new ResponsePiece(bytes, 0, reblogValue), new ResponsePiece(bytes, afterReblog, bytes.Length - "}".Length - afterReblog));
    }

    /// <summary>
    /// The serialized status up to its <c>reblog</c> value, and from after that value to before its closing brace.
    /// </summary>
    internal sealed record Json(ResponsePiece BeforeReblog, ResponsePiece AfterReblog);
}
