using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// The embedded message bus: queues are in-process channels, topics fan out into one queue per
/// subscriber. Same delivery rules as RabbitMQ, but nothing survives a restart of the process.
/// </summary>
internal sealed class InMemoryMessageBus(ILogger<InMemoryMessageBus> logger) : IMessageBus, IAsyncDisposable
{
    private const string Engine = "in-process";

    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableList<InMemoryQueue>> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<InMemoryConsumer> _consumers = [];

    public Task SendAsync(string queue, Message message, CancellationToken cancellationToken = default)
    {
        Queue(QueueNames.Validate(queue, nameof(queue))).Enqueue(Envelope(message));
        MessagingMetrics.RecordSent(Engine, queue);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var source = Queue(QueueNames.Validate(queue, nameof(queue)));
        return Task.FromResult<IAsyncDisposable>(StartConsumer(source, queue, handler, options, onStopped: null));
    }

    public Task PublishAsync(string topic, Message message, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(topic, nameof(topic));
        foreach (var subscriberQueue in _topics.GetValueOrDefault(topic, []))
        {
            subscriberQueue.Enqueue(Envelope(message));
        }

        MessagingMetrics.RecordSent(Engine, topic);
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string topic, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(topic, nameof(topic));
        // Each subscription owns a private queue bound to the topic, as an exclusive queue on RabbitMQ.
        var subscriberQueue = new InMemoryQueue(deadLetter: Queue(QueueNames.DeadLetterOf(topic)));
        _topics.AddOrUpdate(topic, [subscriberQueue], (_, list) => list.Add(subscriberQueue));
        void Unbind() => _topics.AddOrUpdate(topic, [], (_, list) => list.Remove(subscriberQueue));
        return Task.FromResult<IAsyncDisposable>(StartConsumer(subscriberQueue, topic, handler, options, Unbind));
    }

    public Task<long> CountWaitingAsync(string queue, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)Queue(QueueNames.Validate(queue, nameof(queue))).Count);

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }
    }

    private InMemoryConsumer StartConsumer(InMemoryQueue source, string destination, MessageHandler handler, ConsumerOptions? options, Action? onStopped)
    {
        options ??= new ConsumerOptions();
        options.Validate();
        var consumer = new InMemoryConsumer(source, destination, handler, options, logger, onStopped);
        _consumers.Add(consumer);
        return consumer;
    }

    private InMemoryQueue Queue(string name) =>
        _queues.GetOrAdd(name, n => new InMemoryQueue(n.EndsWith(QueueNames.DeadLetterSuffix, StringComparison.Ordinal) ? null : Queue(QueueNames.DeadLetterOf(n))));

    private static ReceivedMessage Envelope(Message message) =>
        new(message.Id, message.Body.ToArray(), new Dictionary<string, string>(message.Headers), DeliveryPolicy.AttemptFrom(message.Headers));
}
