namespace Weft.Streams;

/// <summary>
/// The address of a stream: a namespace (for example <c>posts</c>) and a key within it (for example an author's id).
/// Keys follow grain key rules (any Unicode text up to 1,024 UTF-8 bytes).
/// </summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary>Returns <c>namespace/key</c>.</summary>
    public override string ToString() => $"{Namespace}/{Key}";
}
