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
    /// The entity serialized without viewer marks and with <c>"reblog":null</c>, and where that <c>null</c> starts, so a
    /// writer can put the original (with its own marks) there.
    /// </summary>
    public Json Bytes => _json ??= Serialize(Status with { Reblog = null });

    private static Json Serialize(Status status)
    {
        var bytes = MastodonJson.SerializeToUtf8Bytes(status, MastodonJson.Context.Status);

        // Properties are written in declaration order and nothing before "reblog" holds an object, so the first match is
        // the top-level property; inside JSON strings a quote is always escaped, so text cannot forge the match.
        var at = bytes.AsSpan().IndexOf(s_reblogNull);
        return at < 0
            ? throw new InvalidOperationException("A serialized status has no \"reblog\":null property.")
            : new Json(bytes, at + s_reblogNull.Length - "null".Length);
    }

    /// <summary>Serialized bytes and the offset of the <c>reblog</c> value's <c>null</c>.</summary>
    internal sealed record Json(byte[] Utf8, int ReblogValueOffset);
}
