using Weft.GrainInterfaces.Accounts;

namespace Weft.GrainInterfaces.Lists;

/// <summary>What a list shows of its members' statuses, in one place for its timeline and its stream.</summary>
public static class ListRules
{
    /// <summary>
    /// Whether a list shows a status by <paramref name="authorId"/> (a member). A reblog shows unless the owner follows the
    /// member with <c>reblogs=false</c>. A reply to someone else (<paramref name="repliedToId"/>) shows if it answers the
    /// owner, a member (<see cref="ListRepliesPolicy.List"/>) or any account the owner follows
    /// (<see cref="ListRepliesPolicy.Followed"/>). <paramref name="owner"/> answers both questions from memory.
    /// </summary>
    public static async ValueTask<bool> ShowsAsync(
        ListRepliesPolicy policy, IReadOnlySet<long> members, long authorId, bool isReblog, long? repliedToId, long ownerId, IAccountGrain owner)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(owner);
        if (isReblog)
        {
            return authorId == ownerId || await owner.ShowsReblogsOfAsync(authorId).ConfigureAwait(false);
        }

        return repliedToId is not { } target
            || target == authorId
            || target == ownerId
            || policy == ListRepliesPolicy.List && members.Contains(target)
            || policy == ListRepliesPolicy.Followed && await owner.IsFollowingAsync(target).ConfigureAwait(false);
    }
}
