namespace Weft.Bench.Grains;

/// <summary>About 1 KB once serialized: a 1,000-character body, a revision counter and a timestamp.</summary>
public sealed class DocState
{
    public const int BodyLength = 1_000;

    public string Body { get; set; } = new('w', BodyLength);

    public long Revision { get; set; }

    public DateTimeOffset Touched { get; set; }
}
