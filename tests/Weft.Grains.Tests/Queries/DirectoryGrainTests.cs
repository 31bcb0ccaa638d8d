using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Queries;

/// <summary>The instance's figures on a silo whose clock the test drives: kept a minute, then renewed behind the answers.</summary>
public sealed class DirectoryGrainTests : ClockedSqliteSiloTest
{
    private IDirectoryGrain Directory => Silo.GrainFactory.GetGrain<IDirectoryGrain>(0);

    private ISocialStore Store => Silo.Store;

    [Fact]
    public async Task Figures_are_kept_a_minute_then_the_stale_ones_are_answered_while_they_are_renewed()
    {
        await Store.ListUsernameAsync(1, "first", CancellationToken.None);
        var initial = await Directory.GetStatisticsAsync();
        await Store.ListUsernameAsync(2, "second", CancellationToken.None);

        Clock.Advance(TimeSpan.FromSeconds(59));
        var withinTheMinute = await Directory.GetStatisticsAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await Directory.GetStatisticsAsync();
        await Eventually.WaitUntilAsync(async () => (await Directory.GetStatisticsAsync()).UserCount == 2, "the renewed figures");

        Assert.Equal(1, initial.UserCount);
        Assert.Equal(1, withinTheMinute.UserCount);
        Assert.Equal(1, stale.UserCount);
    }
}
