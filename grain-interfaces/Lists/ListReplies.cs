namespace Weft.GrainInterfaces.Lists;

/// <summary>Mastodon's replies policy of a list, in one place for its timeline and its stream.</summary>
public static class ListReplies
{
    /// <summary>
    /// Whether a list shows a status by <paramref name="authorId"/> that replies to <paramref name="repliedToId"/> (null
    /// for a status that is not a reply). A reply to someone else shows if it answers the owner, a member
    /// (<see cref="ListRepliesPolicy.List"/>) or any account the owner follows (<see cref="ListRepliesPolicy.Followed"/>,
    /// asked of <paramref name="ownerFollows"/> only then).
    /// </summary>
    public static async ValueTask<bool> ShowsAsync(
        ListRepliesPolicy policy, long ownerId, IReadOnlySet<long> members, long authorId, long? repliedToId, Func<long, ValueTask<bool>> ownerFollows)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(ownerFollows);
        return repliedToId is not { } target
            || target == authorId
            || target == ownerId
            || policy == ListRepliesPolicy.List && members.Contains(target)
            || policy == ListRepliesPolicy.Followed && await ownerFollows(target).ConfigureAwait(false);
    }
}
