using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blueprint.Infrastructure.Caching;

internal sealed partial class InMemoryCacheStore
{
    private readonly ConcurrentDictionary<string, ImmutableList<ChannelSubscription>> _subscriptions = new(StringComparer.Ordinal);

    public Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        if (_subscriptions.TryGetValue(channel, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Deliver(message);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        var subscription = new ChannelSubscription(handler, s => _subscriptions.AddOrUpdate(channel, [], (_, list) => list.Remove(s)));
        _subscriptions.AddOrUpdate(channel, [subscription], (_, list) => list.Add(subscription));
        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    /// <summary>One subscriber: messages queue up and reach the handler one at a time, in publish order, as with Redis.</summary>
    private sealed class ChannelSubscription : IAsyncDisposable
    {
        private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Action<ChannelSubscription> _unsubscribe;
        private readonly Task _pump;

        public ChannelSubscription(Func<string, Task> handler, Action<ChannelSubscription> unsubscribe)
        {
            _unsubscribe = unsubscribe;
            _pump = Task.Run(async () =>
            {
                await foreach (var message in _inbox.Reader.ReadAllAsync())
                {
                    try
                    {
                        await handler(message);
                    }
#pragma warning disable CA1031 // A failing subscriber must not stop its own pump, as with Redis.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }
            });
        }

        public void Deliver(string message) => _inbox.Writer.TryWrite(message);

        public async ValueTask DisposeAsync()
        {
            _unsubscribe(this);
            _inbox.Writer.TryComplete();
            await _pump;
        }
    }
}
