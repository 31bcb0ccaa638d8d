using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Data;

/// <summary>A status as the social store indexes it: enough to list, filter and rebuild timelines; content stays in grain state.</summary>
/// <param name="Id">The status id.</param>
/// <param name="AccountId">The author (for a reblog, who reblogged).</param>
/// <param name="Visibility">Who may see it.</param>
/// <param name="InReplyToId">The status replied to, or null.</param>
/// <param name="InReplyToAccountId">Its author, or null.</param>
/// <param name="ReblogOfId">For a reblog, the original, or null.</param>
/// <param name="ReblogOfAccountId">For a reblog, the original's author, or null.</param>
/// <param name="MentionedAccountIds">Accounts mentioned, now or by an earlier version (who may see a direct status).</param>
/// <param name="Tags">
/// Hashtags, lower case without '#', indexed for tag timelines (never for a reblog). Written only: rows read back leave it null.
/// </param>
/// <param name="Version">
/// The status's version (<see cref="StatusSnapshot.Version"/>): an index write replaces the mentions and tags of a row
/// only with a later version, so an edit delivered late never undoes a newer one. Written only: rows read back leave 0.
/// </param>
public sealed record StatusRow(
    long Id,
    long AccountId,
    StatusVisibility Visibility,
    long? InReplyToId,
    long? InReplyToAccountId,
    long? ReblogOfId,
    long? ReblogOfAccountId,
    IReadOnlyList<long> MentionedAccountIds,
    IReadOnlyList<string>? Tags = null,
    long Version = 0)
{
    /// <summary>The index row of <paramref name="status"/>.</summary>
    public static StatusRow From(StatusSnapshot status)
    {
        ArgumentNullException.ThrowIfNull(status);
        // Silent mentions keep the sight they gave on every listing too (an edit's mentions never repeat them).
        long[] mentioned = [.. status.MentionedAccountIds()];

        return new StatusRow(
            status.Id,
            status.AccountId,
            status.Visibility,
            status.InReplyToId,
            status.InReplyToAccountId,
            status.ReblogOfId,
            status.ReblogOfAccountId,
            mentioned,
            status.Tags.IsDefaultOrEmpty ? null : status.Tags,
            status.Version);
    }
}
