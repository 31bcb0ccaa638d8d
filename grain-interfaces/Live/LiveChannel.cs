namespace Weft.GrainInterfaces.Live;

/// <summary>A channel of live events: one per account ("user" stream), one public, and one per hashtag.</summary>
/// <param name="Name"><c>user:&lt;account id&gt;</c>, <c>public</c> or <c>hashtag:&lt;tag&gt;</c>.</param>
public readonly record struct LiveChannel(string Name)
{
    /// <summary>Public statuses as they are posted.</summary>
    public static LiveChannel Public { get; } = new("public");

    /// <summary>Public statuses with the hashtag <paramref name="tag"/> (lower case, without '#') as they are posted.</summary>
    public static LiveChannel Tag(string tag) => new("hashtag:" + tag);

    /// <summary>An account's own statuses (not direct ones) as they are posted, edited and deleted; list streams follow their members here.</summary>
    public static LiveChannel Author(long accountId) => new("author:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Changes to a list (members added and removed, settings changed, deleted): open list streams follow them.</summary>
    public static LiveChannel List(long listId) => new("list:" + listId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An account's home timeline updates and notifications.</summary>
    public static LiveChannel User(long accountId) => new("user:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
