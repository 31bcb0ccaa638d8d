using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Timelines;

/// <summary>A page of a home timeline, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Regenerating">The timeline's state was missing and is being rebuilt; the page may be incomplete (HTTP 206).</param>
public sealed record TimelinePage(ImmutableArray<TimelineEntry> Entries, bool Regenerating);
