using System.Buffers;

namespace Weft.Runtime.Streams;

/// <summary>Stream namespaces are short names of letters, digits, '.', '-' and '_' (so "namespace/key" is unambiguous).</summary>
internal static class StreamNamespace
{
    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    public static void Validate(string streamNamespace)
    {
        ArgumentNullException.ThrowIfNull(streamNamespace);
        if (streamNamespace.Length is 0 or > 100 || streamNamespace.AsSpan().ContainsAnyExcept(s_allowed))
        {
            throw new ArgumentException(
                $"Stream namespace '{streamNamespace}' is not valid: use 1 to 100 letters, digits, '.', '-' or '_'.", nameof(streamNamespace));
        }
    }
}
