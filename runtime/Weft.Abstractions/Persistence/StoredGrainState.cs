namespace Weft.Persistence;

/// <summary>A stored record: its serialized data (null once cleared) and ETag.</summary>
public sealed record StoredGrainState(byte[]? Data, string Etag);
