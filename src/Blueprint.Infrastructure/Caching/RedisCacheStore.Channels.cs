using StackExchange.Redis;

namespace Blueprint.Infrastructure.Caching;

internal sealed partial class RedisCacheStore
{
    public async Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        await (await connection.SubscriberAsync()).PublishAsync(RedisChannel.Literal(channel), message);

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        // A message queue (not a plain callback) keeps publish order, one message at a time.
        var queue = await (await connection.SubscriberAsync()).SubscribeAsync(RedisChannel.Literal(channel));
        queue.OnMessage(async message => await handler(message.Message!));
        return new Subscription(queue);
    }

    private sealed class Subscription(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
    }
}
