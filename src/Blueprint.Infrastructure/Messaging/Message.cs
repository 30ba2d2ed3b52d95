namespace Blueprint.Infrastructure.Messaging;

/// <summary>A message to send: an opaque body plus string headers. The id travels with it, so consumers can de-duplicate redeliveries.</summary>
public sealed record Message(ReadOnlyMemory<byte> Body)
{
    /// <summary>Identifies the message across redeliveries and retries.</summary>
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");

    /// <summary>Application headers; names starting with <c>x-blueprint-</c> are reserved.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>A delivered message. <see cref="Attempt"/> starts at 1 and grows with each retry after a failed handler.</summary>
public sealed record ReceivedMessage(string Id, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers, int Attempt);

/// <summary>
/// Handles one delivery. Returning acknowledges it; throwing schedules a retry, and after
/// <see cref="ConsumerOptions.MaxAttempts"/> sends it to the dead-letter queue. A handler stopped by
/// its cancellation token (the consumer is going away) leaves the message for another consumer.
/// </summary>
public delegate Task MessageHandler(ReceivedMessage message, CancellationToken cancellationToken);

/// <summary>How a consumer takes deliveries.</summary>
public sealed record ConsumerOptions
{
    /// <summary>Deliveries of one message before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Messages handled at once by this consumer (the broker's prefetch).</summary>
    public int Concurrency { get; init; } = 1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
    }
}
