namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// Handles one delivery. Returning acknowledges it; throwing schedules a retry, and after
/// <see cref="ConsumerOptions.MaxAttempts"/> sends it to the dead-letter queue. A handler stopped by
/// its cancellation token (the consumer is going away) leaves the message for another consumer.
/// </summary>
public delegate Task MessageHandler(ReceivedMessage message, CancellationToken cancellationToken);
