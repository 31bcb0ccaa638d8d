namespace Weft.Runtime.Streams;

/// <summary>
/// The right to pull one partition, held by one agent at a time until <see cref="ExpiresAt"/>. <see cref="Epoch"/>
/// grows with every acquisition, and commits carry it, so an agent that lost its lease can never move the checkpoint.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="Owner">Who holds it (silo name).</param>
/// <param name="Epoch">Fencing token.</param>
/// <param name="Checkpoint">The id of the last event fully handled; reading resumes after it.</param>
/// <param name="ExpiresAt">When others may take it over unless renewed.</param>
public sealed record PartitionLease(int Partition, string Owner, long Epoch, long Checkpoint, DateTimeOffset ExpiresAt);
