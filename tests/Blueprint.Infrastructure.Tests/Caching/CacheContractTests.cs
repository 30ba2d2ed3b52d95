using System.Collections.Concurrent;
using System.Text;
using Blueprint.Infrastructure.Caching;

namespace Blueprint.Infrastructure.Tests.Caching;

/// <summary>The shared-state port's contract, run against process memory and Redis alike.</summary>
public abstract class CacheContractTests
{
    protected abstract ICacheStore Store { get; }

    protected abstract ISortedSetStore SortedSets { get; }

    protected abstract ICacheChannels Channels { get; }

    /// <summary>A second host's view of the same engine (for Redis, a second connection).</summary>
    protected abstract ICacheChannels PeerChannels { get; }

    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    private string Key(string name) => _prefix + name;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Get_MissingKey_ReturnsNull() =>
        Assert.Null(await Store.GetAsync(Key("missing")));

    [Fact]
    public async Task Set_ThenGet_ReturnsTheSameBytes_AndOverwriteReplaces()
    {
        var binary = new byte[] { 0, 255, 10, 13, 0 };
        await Store.SetAsync(Key("k"), binary);
        Assert.Equal(binary, await Store.GetAsync(Key("k")));

        await Store.SetAsync(Key("k"), Bytes("second"));
        Assert.Equal("second", Encoding.UTF8.GetString((await Store.GetAsync(Key("k")))!));
    }

    [Fact]
    public async Task Set_WithTimeToLive_ExpiresAndReportsRemainingTime()
    {
        await Store.SetAsync(Key("ttl"), Bytes("v"), TimeSpan.FromMilliseconds(1500));
        var remaining = await Store.GetTimeToLiveAsync(Key("ttl"));
        Assert.InRange(remaining!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1500));

        await Poll.UntilAsync(async () => await Store.GetAsync(Key("ttl")) is null);
        Assert.Null(await Store.GetTimeToLiveAsync(Key("ttl")));
    }

    [Fact]
    public async Task Set_WithoutTimeToLive_NeverExpires()
    {
        await Store.SetAsync(Key("forever"), Bytes("v"));
        Assert.Null(await Store.GetTimeToLiveAsync(Key("forever")));
        Assert.NotNull(await Store.GetAsync(Key("forever")));
    }

    [Fact]
    public async Task Set_NonPositiveTimeToLive_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetAsync(Key("bad"), Bytes("v"), TimeSpan.Zero));

    [Fact]
    public async Task Delete_ReportsWhetherTheKeyExisted()
    {
        await Store.SetAsync(Key("d"), Bytes("v"));
        Assert.True(await Store.DeleteAsync(Key("d")));
        Assert.False(await Store.DeleteAsync(Key("d")));
        Assert.Null(await Store.GetAsync(Key("d")));
    }

    [Fact]
    public async Task Increment_CreatesWithExpiry_ThenKeepsIt()
    {
        Assert.Equal(5, await Store.IncrementAsync(Key("c"), 5, TimeSpan.FromSeconds(30)));
        Assert.Equal(3, await Store.IncrementAsync(Key("c"), -2, TimeSpan.FromHours(5)));
        Assert.Equal("3", Encoding.ASCII.GetString((await Store.GetAsync(Key("c")))!));

        var remaining = await Store.GetTimeToLiveAsync(Key("c"));
        Assert.InRange(remaining!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Increment_ExpiredCounter_StartsAgainFromZero()
    {
        await Store.IncrementAsync(Key("window"), 10, TimeSpan.FromMilliseconds(300));
        await Poll.UntilAsync(async () => await Store.GetAsync(Key("window")) is null);
        Assert.Equal(1, await Store.IncrementAsync(Key("window"), 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Increment_ParallelClients_LoseNoUpdate()
    {
        const int clients = 16, each = 200;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await Store.IncrementAsync(Key("hot"));
            }
        })));

        Assert.Equal(clients * each, await Store.IncrementAsync(Key("hot"), 0));
    }

    [Fact]
    public async Task SetIfAbsent_ManyContenders_ExactlyOneWins()
    {
        var wins = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => Store.SetIfAbsentAsync(Key("lease"), Bytes($"owner-{i}"), TimeSpan.FromSeconds(30)))));

        Assert.Single(wins, won => won);
    }

    [Fact]
    public async Task CompareAndSet_SwapsOnlyOnMatch()
    {
        Assert.True(await Store.CompareAndSetAsync(Key("cas"), null, Bytes("v1")));
        Assert.False(await Store.CompareAndSetAsync(Key("cas"), null, Bytes("other")));
        Assert.False(await Store.CompareAndSetAsync(Key("cas"), Bytes("wrong"), Bytes("v2")));
        Assert.True(await Store.CompareAndSetAsync(Key("cas"), Bytes("v1"), Bytes("v2"), TimeSpan.FromSeconds(30)));

        Assert.Equal("v2", Encoding.UTF8.GetString((await Store.GetAsync(Key("cas")))!));
        Assert.NotNull(await Store.GetTimeToLiveAsync(Key("cas")));
    }

    [Fact]
    public async Task CompareAndSet_ParallelReadModifyWriteLoops_LoseNoUpdate()
    {
        const int clients = 8, each = 40;
        await Store.SetAsync(Key("n"), Bytes("0"));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                while (true)
                {
                    var current = (await Store.GetAsync(Key("n")))!;
                    var next = Bytes((int.Parse(Encoding.UTF8.GetString(current), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (await Store.CompareAndSetAsync(Key("n"), current, next))
                    {
                        break;
                    }
                }
            }
        })));

        Assert.Equal((clients * each).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString((await Store.GetAsync(Key("n")))!));
    }

    [Fact]
    public async Task SortedSet_OrdersByScoreThenMember_AndUpdatesScores()
    {
        var key = Key("z");
        Assert.True(await SortedSets.SortedSetAddAsync(key, "carol", 3));
        Assert.True(await SortedSets.SortedSetAddAsync(key, "alice", 1));
        Assert.True(await SortedSets.SortedSetAddAsync(key, "bob", 2));
        Assert.True(await SortedSets.SortedSetAddAsync(key, "bea", 2));
        Assert.False(await SortedSets.SortedSetAddAsync(key, "alice", 4));

        var ascending = await SortedSets.SortedSetRangeByRankAsync(key, 0, -1);
        Assert.Equal(["bea", "bob", "carol", "alice"], ascending.Select(e => e.Member));
        var topTwo = await SortedSets.SortedSetRangeByRankAsync(key, 0, 1, descending: true);
        Assert.Equal([new SortedSetEntry("alice", 4), new SortedSetEntry("carol", 3)], topTwo);
        Assert.Equal(4, await SortedSets.SortedSetScoreAsync(key, "alice"));
        Assert.Null(await SortedSets.SortedSetScoreAsync(key, "nobody"));
        Assert.Equal(4, await SortedSets.SortedSetLengthAsync(key));
    }

    [Fact]
    public async Task SortedSet_RangeAndRemoveByScore_ActAsASlidingWindowLog()
    {
        var key = Key("log");
        for (var t = 1; t <= 10; t++)
        {
            await SortedSets.SortedSetAddAsync(key, $"request-{t}", t);
        }

        Assert.Equal(["request-4", "request-5"], (await SortedSets.SortedSetRangeByScoreAsync(key, 4, 8, take: 2)).Select(e => e.Member));
        Assert.Equal(6, await SortedSets.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, 6));
        Assert.Equal(4, await SortedSets.SortedSetLengthAsync(key));
        Assert.Empty(await SortedSets.SortedSetRangeByScoreAsync(key, 20, 30));
        Assert.True(await SortedSets.SortedSetRemoveAsync(key, "request-7"));
        Assert.False(await SortedSets.SortedSetRemoveAsync(key, "request-7"));
    }

    [Fact]
    public async Task SortedSet_Expire_DropsTheWholeSet()
    {
        var key = Key("presence");
        await SortedSets.SortedSetAddAsync(key, "user-1", 1);
        Assert.True(await SortedSets.ExpireAsync(key, TimeSpan.FromMilliseconds(300)));
        Assert.False(await SortedSets.ExpireAsync(Key("no-such-set"), TimeSpan.FromSeconds(1)));

        await Poll.UntilAsync(async () => await SortedSets.SortedSetLengthAsync(key) == 0);
    }

    [Fact]
    public async Task SortedSet_ParallelAdds_KeepEveryMember()
    {
        var key = Key("parallel");
        await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await SortedSets.SortedSetAddAsync(key, $"{client}-{i}", i);
            }
        })));

        Assert.Equal(800, await SortedSets.SortedSetLengthAsync(key));
    }

    [Fact]
    public async Task Channels_EverySubscriberOnEveryHost_GetsEveryMessageInOrder()
    {
        var channel = Key("invalidate");
        var local = new ConcurrentQueue<string>();
        var remote = new ConcurrentQueue<string>();
        await using (await Channels.SubscribeAsync(channel, m => { local.Enqueue(m); return Task.CompletedTask; }))
        await using (await PeerChannels.SubscribeAsync(channel, m => { remote.Enqueue(m); return Task.CompletedTask; }))
        {
            var messages = Enumerable.Range(0, 20).Select(i => $"key-{i}").ToList();
            foreach (var message in messages)
            {
                await Channels.PublishAsync(channel, message);
            }

            await Poll.UntilAsync(() => local.Count == 20 && remote.Count == 20);
            Assert.Equal(messages, local);
            Assert.Equal(messages, remote);
        }
    }

    [Fact]
    public async Task Channels_AfterUnsubscribe_NothingArrives()
    {
        var channel = Key("gone");
        var received = 0;
        var subscription = await Channels.SubscribeAsync(channel, _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });
        await Channels.PublishAsync(channel, "before");
        await Poll.UntilAsync(() => Volatile.Read(ref received) == 1);

        await subscription.DisposeAsync();
        await Channels.PublishAsync(channel, "after");
        await Poll.NeverAsync(() => Volatile.Read(ref received) > 1, "A message arrived after unsubscribing", 200);
    }
}
