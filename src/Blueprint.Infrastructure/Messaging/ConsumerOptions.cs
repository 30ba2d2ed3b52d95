namespace Blueprint.Infrastructure.Messaging;

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
