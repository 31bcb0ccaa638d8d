using System.Globalization;
using Weft.Persistence;

namespace Weft.Runtime.Persistence;

/// <summary>
/// The ETag scheme every Weft storage provider shares: the ETag is the record's version number in invariant decimal,
/// and a mismatch is reported the same way whatever the store.
/// </summary>
public static class GrainStateVersions
{
    /// <summary>The version an ETag names; null for "no record"; a foreign ETag is a conflict, never a crash.</summary>
    /// <exception cref="InconsistentStateException">The ETag was not written by a Weft provider.</exception>
    public static long? ParseEtag(GrainStateKey key, string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"Grain state {key}: ETag '{etag}' was not written by this storage provider. Nothing was written; the activation will reload the state.",
                null,
                etag);
    }

    /// <summary>The ETag of a version.</summary>
    public static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The exception for a conditional write that found another version than the writer held.</summary>
    public static InconsistentStateException Conflict(GrainStateKey key, string? storedEtag, string? etag) =>
        new($"Grain state {key} was changed elsewhere: the stored ETag is {storedEtag ?? "(none)"} but this activation holds " +
            $"{etag ?? "(none)"}. Nothing was written; the activation will reload the state.", storedEtag, etag);
}
