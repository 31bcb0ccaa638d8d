using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Queries;

/// <summary>Which tagged statuses to list; tag names are lower case, without '#'.</summary>
/// <param name="Page">Paging bounds (cursors are status ids).</param>
/// <param name="Any">Statuses with at least one of these tags (the timeline's tag and the any[] parameter).</param>
/// <param name="All">And with every one of these.</param>
/// <param name="None">And with none of these.</param>
public sealed record TagTimelineQuery(PageRequest Page, ImmutableArray<string> Any, ImmutableArray<string> All, ImmutableArray<string> None);
