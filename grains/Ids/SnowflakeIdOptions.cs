namespace Weft.Grains.Ids;

/// <summary>Settings under <c>Weft:Ids</c>.</summary>
public sealed class SnowflakeIdOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:Ids";

    /// <summary>This process's node number, 0–63; every silo sharing a database needs its own.</summary>
    public int Node { get; set; }
}
