namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>What a grouped append reports: its stream's last sequence, and for an outbox write the state's new version.</summary>
/// <param name="LastSequence">The last sequence appended (0 when an outbox write's state write matched nothing).</param>
/// <param name="StateVersion">The state's new version, or null for a plain append or a stale ETag.</param>
internal readonly record struct AppendOutcome(long LastSequence, long? StateVersion);
