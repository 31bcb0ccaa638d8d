using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Tests.Support;
using Weft.Grains.Timelines;

namespace Weft.Grains.Tests.Domain;

/// <summary>Paging over a newest-first list of timeline entries, as home timelines and author feeds slice it.</summary>
public sealed class TimelineEntriesTests
{
    private static readonly List<TimelineEntry> s_entries = [Entry(50), Entry(40), Entry(30), Entry(20), Entry(10)];

    [Theory]
    [InlineData(null, null, null, 2, new long[] { 50, 40 })]
    [InlineData(40L, null, null, 2, new long[] { 30, 20 })]
    [InlineData(null, 20L, null, 2, new long[] { 50, 40 })]
    [InlineData(null, null, 20L, 2, new long[] { 40, 30 })]
    [InlineData(50L, 10L, null, 10, new long[] { 40, 30, 20 })]
    [InlineData(null, null, null, 0, new long[0])]
    public void Slice_obeys_max_since_and_min_id(long? maxId, long? sinceId, long? minId, int limit, long[] expected) =>
        Assert.Equal(expected, SocialTestKit.Ids(TimelineEntries.Slice(s_entries, new PageRequest(maxId, sinceId, minId, limit))));

    [Fact]
    public void Slice_below_the_smallest_max_id_is_empty()
    {
        Assert.Empty(TimelineEntries.Slice(s_entries, new PageRequest(long.MinValue, null, null, 20)));
        Assert.Empty(TimelineEntries.Slice(s_entries, new PageRequest(long.MinValue, null, long.MinValue, 20)));
    }

    [Fact]
    public void Slice_above_the_largest_since_id_is_empty() =>
        Assert.Empty(TimelineEntries.Slice(s_entries, new PageRequest(null, long.MaxValue, null, 20)));

    private static TimelineEntry Entry(long id) => new(id, 1, null, null, null);
}
