using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>A thread around a status, as one viewer may see it.</summary>
/// <param name="Ancestors">The chain of statuses replied to, oldest first.</param>
/// <param name="Descendants">Replies and their replies, depth first, oldest first at each level.</param>
public sealed record StatusContext(ImmutableArray<StatusView> Ancestors, ImmutableArray<StatusView> Descendants);
