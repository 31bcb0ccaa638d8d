using Weft.Api.Infrastructure;

namespace Weft.Api.Tests.Infrastructure;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Entries_up_to_the_capacity_are_kept_and_the_next_addition_starts_over()
    {
        var cache = new BoundedCache<int, string>(capacity: 3);
        cache.Set(1, "one");
        cache.Set(2, "two");
        cache.Set(3, "three");

        Assert.True(cache.TryGetValue(1, out var first));
        Assert.Equal("one", first);
        Assert.True(cache.TryGetValue(3, out _));

        cache.Set(4, "four");

        Assert.False(cache.TryGetValue(1, out _));
        Assert.False(cache.TryGetValue(3, out _));
    }

    [Fact]
    public void Replacing_an_entry_does_not_count_as_an_addition()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);
        cache.Set(1, "one");
        cache.Set(2, "two");
        for (var i = 0; i < 10; i++)
        {
            cache.Set(2, $"two, version {i}");
        }

        Assert.True(cache.TryGetValue(1, out var first));
        Assert.Equal("one", first);
        Assert.True(cache.TryGetValue(2, out var second));
        Assert.Equal("two, version 9", second);
    }

    [Fact]
    public void GetOrAdd_creates_once_and_returns_the_stored_entry_afterwards()
    {
        var cache = new BoundedCache<int, object>(capacity: 10);
        var created = 0;

        var first = cache.GetOrAdd(7, (_, _) => { created++; return new object(); }, 0);
        var again = cache.GetOrAdd(7, (_, _) => { created++; return new object(); }, 0);

        Assert.Same(first, again);
        Assert.Equal(1, created);
    }
}
