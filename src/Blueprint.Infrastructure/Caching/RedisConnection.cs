using StackExchange.Redis;

namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// One multiplexer per process, as StackExchange.Redis intends. Connecting never aborts: when Redis
/// is down at start-up the host still starts, operations fail fast, and the client reconnects.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisConnection(ConfigurationOptions options)
    {
        options.AbortOnConnectFail = false;
        Endpoint = string.Join(",", options.EndPoints.Select(e => e.ToString()));
        _multiplexer = new(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    public string Endpoint { get; }

    public async Task<IDatabase> DatabaseAsync() => (await _multiplexer.Value).GetDatabase();

    public async Task<ISubscriber> SubscriberAsync() => (await _multiplexer.Value).GetSubscriber();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
