namespace Weft.GrainInterfaces.Accounts;

/// <summary>What a follower chose for one follow (Mastodon's follow options).</summary>
/// <param name="ShowReblogs">The followee's reblogs reach the follower's home timeline (Mastodon's <c>reblogs</c>, default true).</param>
/// <param name="Notify">Each new status of the followee notifies the follower (Mastodon's <c>notify</c>, default false).</param>
public readonly record struct FollowSettings(bool ShowReblogs, bool Notify)
{
    /// <summary>A follow made without options.</summary>
    public static FollowSettings Default => new(ShowReblogs: true, Notify: false);

    /// <summary>These settings with the given changes applied; null leaves a setting as it is.</summary>
    public FollowSettings With(FollowChange change) =>
        new(change.ShowReblogs ?? ShowReblogs, change.Notify ?? Notify);
}

/// <summary>The options of a follow request: null keeps a setting (or its default for a new follow), as Mastodon does.</summary>
/// <param name="ShowReblogs">Mastodon's <c>reblogs</c>, or null.</param>
/// <param name="Notify">Mastodon's <c>notify</c>, or null.</param>
public sealed record FollowChange(bool? ShowReblogs, bool? Notify)
{
    /// <summary>A follow request without options.</summary>
    public static FollowChange None { get; } = new(null, null);
}
