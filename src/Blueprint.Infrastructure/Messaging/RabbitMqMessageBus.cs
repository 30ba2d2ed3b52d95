using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// The real message bus on RabbitMQ. Work queues are durable queues on the default exchange;
/// topics are durable fanout exchanges with an exclusive queue per subscriber. Messages are
/// persistent and confirmed by the broker before SendAsync returns; consumers acknowledge
/// explicitly; each queue dead-letters into its own <c>.dead-letter</c> queue.
/// </summary>
internal sealed class RabbitMqMessageBus(RabbitMqConnection connection, ILogger<RabbitMqMessageBus> logger) : IMessageBus, IAsyncDisposable
{
    internal const string Engine = "rabbitmq";

    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<RabbitMqConsumer> _consumers = [];
    private IChannel? _publishChannel;

    public async Task SendAsync(string queue, Message message, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue, nameof(queue));
        await WithPublishChannelAsync(async channel =>
        {
            await DeclareQueueAsync(channel, queue, cancellationToken);
            await PublishAsync(channel, exchange: "", routingKey: queue, message.Id, message.Body, message.Headers, cancellationToken);
        }, cancellationToken);
        MessagingMetrics.RecordSent(Engine, queue);
    }

    public async Task PublishAsync(string topic, Message message, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(topic, nameof(topic));
        await WithPublishChannelAsync(async channel =>
        {
            await DeclareTopicAsync(channel, topic, cancellationToken);
            await PublishAsync(channel, exchange: topic, routingKey: "", message.Id, message.Body, message.Headers, cancellationToken);
        }, cancellationToken);
        MessagingMetrics.RecordSent(Engine, topic);
    }

    public async Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue, nameof(queue));
        options ??= new ConsumerOptions();
        options.Validate();
        var channel = await OpenConsumerChannelAsync(options, cancellationToken);
        await DeclareQueueAsync(channel, queue, cancellationToken, force: true);
        return await StartConsumerAsync(channel, queue, queue, handler, options, cancellationToken);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string topic, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(topic, nameof(topic));
        options ??= new ConsumerOptions();
        options.Validate();
        var channel = await OpenConsumerChannelAsync(options, cancellationToken);
        await DeclareTopicAsync(channel, topic, cancellationToken, force: true);
        // Server-named, exclusive, auto-deleted: the subscription lives exactly as long as this consumer.
        var declared = await channel.QueueDeclareAsync(
            queue: "", durable: false, exclusive: true, autoDelete: true, arguments: DeadLetterArguments(topic), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(declared.QueueName, topic, routingKey: "", cancellationToken: cancellationToken);
        return await StartConsumerAsync(channel, declared.QueueName, topic, handler, options, cancellationToken);
    }

    public async Task<long> CountWaitingAsync(string queue, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue, nameof(queue));
        long waiting = 0;
        await WithPublishChannelAsync(async channel =>
        {
            // Declaring is idempotent and answers with the ready count.
            var declared = await DeclareQueueAsync(channel, queue, cancellationToken, force: true);
            waiting = declared!.MessageCount;
        }, cancellationToken);
        return waiting;
    }

    internal static async Task PublishAsync(
        IChannel channel, string exchange, string routingKey, string messageId, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = messageId,
            Headers = headers.ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        // With confirmation tracking on, this returns once the broker has taken responsibility for the message.
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, cancellationToken);
    }

    private async Task<RabbitMqConsumer> StartConsumerAsync(IChannel channel, string queue, string destination, MessageHandler handler, ConsumerOptions options, CancellationToken cancellationToken)
    {
        var consumer = new RabbitMqConsumer(channel, queue, destination, handler, options, logger);
        await consumer.StartAsync(cancellationToken);
        _consumers.Add(consumer);
        return consumer;
    }

    private async Task<IChannel> OpenConsumerChannelAsync(ConsumerOptions options, CancellationToken cancellationToken)
    {
        var open = await connection.GetAsync(cancellationToken);
        var channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: (ushort)options.Concurrency),
            cancellationToken);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: (ushort)options.Concurrency, global: false, cancellationToken);
        return channel;
    }

    private async Task WithPublishChannelAsync(Func<IChannel, Task> action, CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            if (_publishChannel is not { IsOpen: true })
            {
                var open = await connection.GetAsync(cancellationToken);
                _publishChannel = await open.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                _declared.Clear();
            }

            await action(_publishChannel);
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async Task<QueueDeclareOk?> DeclareQueueAsync(IChannel channel, string queue, CancellationToken cancellationToken, bool force = false)
    {
        if (!force && _declared.ContainsKey("queue:" + queue))
        {
            return null;
        }

        var isDeadLetter = queue.EndsWith(QueueNames.DeadLetterSuffix, StringComparison.Ordinal);
        if (!isDeadLetter)
        {
            await channel.QueueDeclareAsync(QueueNames.DeadLetterOf(queue), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        }

        var declared = await channel.QueueDeclareAsync(
            queue, durable: true, exclusive: false, autoDelete: false, arguments: isDeadLetter ? null : DeadLetterArguments(queue), cancellationToken: cancellationToken);
        _declared["queue:" + queue] = true;
        return declared;
    }

    private async Task DeclareTopicAsync(IChannel channel, string topic, CancellationToken cancellationToken, bool force = false)
    {
        if (!force && _declared.ContainsKey("topic:" + topic))
        {
            return;
        }

        await channel.ExchangeDeclareAsync(topic, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(QueueNames.DeadLetterOf(topic), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        _declared["topic:" + topic] = true;
    }

    // A message rejected without requeue goes, through the default exchange, to the source's dead-letter queue.
    private static Dictionary<string, object?> DeadLetterArguments(string source) => new()
    {
        ["x-dead-letter-exchange"] = "",
        ["x-dead-letter-routing-key"] = QueueNames.DeadLetterOf(source),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }

        if (_publishChannel is { } channel)
        {
            await channel.DisposeAsync();
        }

        _publishing.Dispose();
    }
}
