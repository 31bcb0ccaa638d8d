namespace Weft.Grains.Data;

/// <summary>A favourite or bookmark: its own id (lists page by it) and the status or account it links.</summary>
public readonly record struct MarkRow(long MarkId, long OtherId);
