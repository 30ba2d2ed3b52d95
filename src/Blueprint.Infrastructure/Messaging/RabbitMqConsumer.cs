using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// One consumer on its own channel. Acknowledges after the handler returns; on failure publishes
/// the next attempt and acknowledges the current one, or rejects it into the dead-letter queue
/// once attempts run out. Closing the channel hands unacknowledged messages back to the broker.
/// </summary>
internal sealed class RabbitMqConsumer(IChannel channel, string queue, string destination, MessageHandler handler, ConsumerOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(delivery);
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
    }

    private async Task HandleAsync(BasicDeliverEventArgs delivery)
    {
        var headers = ReadHeaders(delivery.BasicProperties.Headers);
        var message = new ReceivedMessage(delivery.BasicProperties.MessageId ?? "", delivery.Body.ToArray(), headers, DeliveryPolicy.AttemptFrom(headers));
        var (outcome, error) = await DeliveryPolicy.RunAsync(handler, message, options.MaxAttempts, logger, destination, _stopping.Token);
        try
        {
            switch (outcome)
            {
                case DeliveryOutcome.Acknowledge:
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    MessagingMetrics.RecordAcknowledged(RabbitMqMessageBus.Engine, destination);
                    break;
                case DeliveryOutcome.Retry:
                    // Publish-then-ack: a crash between the two duplicates the message, never loses it.
                    await RabbitMqMessageBus.PublishAsync(channel, "", queue, message.Id, message.Body, DeliveryPolicy.FailureHeaders(message, error, message.Attempt + 1), CancellationToken.None);
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    MessagingMetrics.RecordRetried(RabbitMqMessageBus.Engine, destination);
                    break;
                case DeliveryOutcome.DeadLetter:
                    await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false);
                    MessagingMetrics.RecordDeadLettered(RabbitMqMessageBus.Engine, destination);
                    break;
                case DeliveryOutcome.Abandon:
                    break; // left unacknowledged: the broker requeues it when the channel closes
            }
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or ObjectDisposedException)
        {
            // The channel closed under us: the broker redelivers the message, so nothing is lost.
        }
    }

    private static Dictionary<string, string> ReadHeaders(IDictionary<string, object?>? raw) =>
        raw?.ToDictionary(
            h => h.Key,
            h => h.Value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => "",
                var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            }) ?? [];

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await channel.CloseAsync();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or ObjectDisposedException)
        {
        }

        await channel.DisposeAsync();
        _stopping.Dispose();
    }
}
