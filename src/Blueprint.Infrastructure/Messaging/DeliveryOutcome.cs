namespace Blueprint.Infrastructure.Messaging;

/// <summary>What happens to a delivery after its handler ran: the one policy both engines share.</summary>
internal enum DeliveryOutcome
{
    Acknowledge,
    Retry,
    DeadLetter,

    /// <summary>The consumer is stopping: leave the message unacknowledged for another consumer.</summary>
    Abandon,
}
