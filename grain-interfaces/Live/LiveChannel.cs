namespace Weft.GrainInterfaces.Live;

/// <summary>A channel of live events: one per account ("user" stream) and one public.</summary>
/// <param name="Name"><c>user:&lt;account id&gt;</c> or <c>public</c>.</param>
public readonly record struct LiveChannel(string Name)
{
    /// <summary>Public statuses as they are posted.</summary>
    public static LiveChannel Public { get; } = new("public");

    /// <summary>An account's home timeline updates and notifications.</summary>
    public static LiveChannel User(long accountId) => new("user:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
