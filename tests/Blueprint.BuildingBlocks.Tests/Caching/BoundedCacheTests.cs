using Blueprint.BuildingBlocks.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.Caching;

public sealed class BoundedCacheTests
{
    private static BoundedCache<string, int> Filled(EvictionPolicy policy, params string[] keys)
    {
        var cache = new BoundedCache<string, int>(policy, keys.Length);
        foreach (var key in keys)
        {
            cache.Set(key, key.Length);
        }

        return cache;
    }

    [Fact]
    public void Lru_EvictsTheLeastRecentlyUsed()
    {
        var cache = Filled(EvictionPolicy.Lru, "a", "b", "c");
        cache.TryGet("a", out _);
        cache.Set("d", 1);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.Equal(3, cache.Count);
        Assert.Equal(1, cache.Statistics.Evictions);
    }

    [Fact]
    public void Fifo_EvictsTheOldestWhateverItsUse()
    {
        var cache = Filled(EvictionPolicy.Fifo, "a", "b", "c");
        cache.TryGet("a", out _);
        cache.Set("d", 1);

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
    }

    [Fact]
    public void Lfu_EvictsTheLeastUsed_AndNeverTheEntryJustWritten()
    {
        var cache = Filled(EvictionPolicy.Lfu, "a", "b", "c");
        for (var i = 0; i < 5; i++)
        {
            cache.TryGet("a", out _);
        }

        cache.TryGet("c", out _);
        cache.Set("d", 1);

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("d", out _));
        cache.Set("e", 1);
        Assert.True(cache.TryGet("e", out _));
        Assert.True(cache.TryGet("a", out _));
    }

    [Fact]
    public void SegmentedLru_AScanOfOneOffKeys_DoesNotFlushThePopularOnes()
    {
        var cache = new BoundedCache<int, int>(EvictionPolicy.SegmentedLru, 10);
        for (var key = 0; key < 5; key++)
        {
            cache.Set(key, key);
            cache.TryGet(key, out _); // a second use: promoted to the protected segment
        }

        for (var key = 1000; key < 1100; key++)
        {
            cache.Set(key, key);
        }

        Assert.All(Enumerable.Range(0, 5), key => Assert.True(cache.TryGet(key, out _), $"Popular key {key} was flushed by a scan."));
        Assert.Equal(10, cache.Count);
    }

    [Fact]
    public void Lru_AScanOfOneOffKeys_FlushesEverything()
    {
        var cache = new BoundedCache<int, int>(EvictionPolicy.Lru, 10);
        for (var key = 0; key < 5; key++)
        {
            cache.Set(key, key);
            cache.TryGet(key, out _);
        }

        for (var key = 1000; key < 1100; key++)
        {
            cache.Set(key, key);
        }

        Assert.All(Enumerable.Range(0, 5), key => Assert.False(cache.TryGet(key, out _)));
    }

    [Fact]
    public void Lfu_WhenThePopularSetShifts_AgingLetsTheNewSetIn()
    {
        var cache = new BoundedCache<int, int>(EvictionPolicy.Lfu, 10);
        for (var round = 0; round < 100; round++)
        {
            for (var key = 0; key < 10; key++)
            {
                if (!cache.TryGet(key, out _))
                {
                    cache.Set(key, key);
                }
            }
        }

        // Keys 100–109 are the new favourites; exact LFU would keep 0–9 (count 100) forever.
        var hitsInLastRound = 0;
        for (var round = 0; round < 100; round++)
        {
            hitsInLastRound = 0;
            for (var key = 100; key < 110; key++)
            {
                if (cache.TryGet(key, out _))
                {
                    hitsInLastRound++;
                }
                else
                {
                    cache.Set(key, key);
                }
            }
        }

        Assert.True(hitsInLastRound >= 9, $"Only {hitsInLastRound} of the 10 new favourites hit after 100 rounds.");
    }

    [Fact]
    public void TimeToLive_EntryExpires_AndCountsAsAMiss()
    {
        var time = new FakeTimeProvider();
        var cache = new BoundedCache<string, int>(new() { TimeToLive = TimeSpan.FromSeconds(10), TimeProvider = time });
        cache.Set("k", 1);
        cache.Set("short", 2, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal(1, value);
        Assert.False(cache.TryGet("short", out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("k", out _));
        Assert.Equal(2, cache.Statistics.Expirations);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TimeToLiveJitter_SpreadsExpiriesButNeverLengthensThem()
    {
        var time = new FakeTimeProvider();
        var cache = new BoundedCache<int, int>(new() { Capacity = 1000, TimeToLive = TimeSpan.FromSeconds(100), TimeToLiveJitter = 0.5, TimeProvider = time });
        for (var i = 0; i < 1000; i++)
        {
            cache.Set(i, i);
        }

        time.Advance(TimeSpan.FromSeconds(49));
        Assert.Equal(0, cache.RemoveExpired());
        time.Advance(TimeSpan.FromSeconds(26));
        var expiredBy75 = cache.RemoveExpired();
        Assert.InRange(expiredBy75, 400, 600);
        time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(1000 - expiredBy75, cache.RemoveExpired());
    }

    [Fact]
    public void MaxBytes_EvictsUntilUnder_AndRefusesAValueLargerThanTheWhole()
    {
        var cache = new BoundedCache<string, string>(new() { Capacity = 100, MaxBytes = 10, SizeOf = (_, v) => v.Length });
        cache.Set("a", "1234");
        cache.Set("b", "1234");
        cache.Set("c", "1234");

        Assert.Equal(8, cache.Bytes);
        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.Set("huge", new string('x', 11)));
        Assert.Equal(1, cache.Statistics.Rejected);
        Assert.Equal(8, cache.Bytes);

        cache.Set("b", "1");
        Assert.Equal(5, cache.Bytes);
    }

    [Fact]
    public async Task ParallelClients_NeverBreakTheBoundOrLoseCount()
    {
        var cache = new BoundedCache<int, int>(EvictionPolicy.Lfu, 100);
        const int clients = 8;
        const int operations = 100_000;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() =>
        {
            var random = new Random(c);
            for (var i = 0; i < operations; i++)
            {
                var key = random.Next(300);
                if (!cache.TryGet(key, out var value))
                {
                    cache.Set(key, key);
                }
                else
                {
                    Assert.Equal(key, value);
                }

                if (i % 97 == 0)
                {
                    cache.Remove(key);
                }
            }
        })));

        Assert.InRange(cache.Count, 1, 100);
        Assert.Equal(clients * operations, cache.Statistics.Hits + cache.Statistics.Misses);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Capacity_NotPositive_IsRefusedNamingIt(int capacity) =>
        Assert.Equal("Capacity", Assert.ThrowsAny<ArgumentException>(() => new BoundedCache<int, int>(EvictionPolicy.Lru, capacity)).ParamName);

    [Fact]
    public void OtherBadOptions_AreRefusedNamingThem()
    {
        Assert.Equal("MaxBytes", Assert.ThrowsAny<ArgumentException>(() => new BoundedCache<int, int>(new() { MaxBytes = 10 })).ParamName);
        Assert.Equal("TimeToLive", Assert.ThrowsAny<ArgumentException>(() => new BoundedCache<int, int>(new() { TimeToLive = TimeSpan.Zero })).ParamName);
        Assert.Equal("TimeToLiveJitter", Assert.ThrowsAny<ArgumentException>(() => new BoundedCache<int, int>(new() { TimeToLiveJitter = 1.5 })).ParamName);
    }
}
