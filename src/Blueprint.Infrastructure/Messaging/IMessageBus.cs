namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// The messaging port (seed 000 §7.5): point-to-point work queues, where each message reaches exactly
/// one consumer and is redelivered if that consumer dies before acknowledging it, and pub/sub topics,
/// where every subscriber gets every message. Delivery is at least once: handlers must be idempotent.
/// </summary>
public interface IMessageBus
{
    /// <summary>Puts a message on a work queue; it waits there until a consumer takes it.</summary>
    Task SendAsync(string queue, Message message, CancellationToken cancellationToken = default);

    /// <summary>Starts a competing consumer on <paramref name="queue"/>; disposing it stops the consumer.</summary>
    Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Delivers a message to every current subscriber of <paramref name="topic"/>; with none, it is dropped.</summary>
    Task PublishAsync(string topic, Message message, CancellationToken cancellationToken = default);

    /// <summary>Starts a subscription that receives every message published to <paramref name="topic"/> from now on.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string topic, MessageHandler handler, ConsumerOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Messages waiting on <paramref name="queue"/>, not counting those being handled.</summary>
    Task<long> CountWaitingAsync(string queue, CancellationToken cancellationToken = default);
}
