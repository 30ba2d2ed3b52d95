using System.Text;
using Blueprint.Infrastructure.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.Infrastructure.Tests.Caching;

public sealed class InMemoryCacheTests : CacheContractTests
{
    private readonly InMemoryCacheStore _store = new(TimeProvider.System);

    protected override ICacheStore Store => _store;

    protected override ISortedSetStore SortedSets => _store;

    protected override ICacheChannels Channels => _store;

    // In-process state is one host's alone: its "peer" is itself.
    protected override ICacheChannels PeerChannels => _store;

    [Fact]
    public async Task Expiry_FollowsTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryCacheStore(time);
        await store.SetAsync("k", Encoding.UTF8.GetBytes("v"), TimeSpan.FromMinutes(1));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await store.GetAsync("k"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync("k"));
    }

    [Fact]
    public async Task SetIfAbsent_OnExpiredKey_Succeeds()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryCacheStore(time);
        Assert.True(await store.SetIfAbsentAsync("lease", new byte[] { 1 }, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await store.SetIfAbsentAsync("lease", new byte[] { 2 }, TimeSpan.FromSeconds(10)));
        Assert.Equal([2], await store.GetAsync("lease"));
    }
}
