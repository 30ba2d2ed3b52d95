using Blueprint.Infrastructure.Caching;
using StackExchange.Redis;

namespace Blueprint.Infrastructure.Tests.Caching;

public sealed class RedisCacheTests : CacheContractTests, IAsyncLifetime
{
    private readonly RedisConnection _connection = new(ConfigurationOptions.Parse(RealEngines.Redis));
    private readonly RedisConnection _peerConnection = new(ConfigurationOptions.Parse(RealEngines.Redis));
    private readonly RedisCacheStore _store;
    private readonly RedisCacheStore _peer;

    public RedisCacheTests()
    {
        _store = new RedisCacheStore(_connection);
        _peer = new RedisCacheStore(_peerConnection);
    }

    protected override ICacheStore Store => _store;

    protected override ISortedSetStore SortedSets => _store;

    protected override ICacheChannels Channels => _store;

    protected override ICacheChannels PeerChannels => _peer;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _peerConnection.DisposeAsync();
    }
}
