using System.Diagnostics.Metrics;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>Counters every message bus reports, so /metrics shows flow, retries and dead letters per queue.</summary>
internal static class MessagingMetrics
{
    public const string MeterName = "Blueprint.Messaging";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("blueprint.messaging.sent", description: "Messages sent to a queue or published to a topic.");
    private static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>("blueprint.messaging.acknowledged", description: "Deliveries handled successfully.");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("blueprint.messaging.retried", description: "Deliveries whose handler failed and that were scheduled again.");
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("blueprint.messaging.dead_lettered", description: "Messages that failed every attempt.");

    public static void RecordSent(string engine, string destination) => Sent.Add(1, Tags(engine, destination));

    public static void RecordAcknowledged(string engine, string destination) => Acknowledged.Add(1, Tags(engine, destination));

    public static void RecordRetried(string engine, string destination) => Retried.Add(1, Tags(engine, destination));

    public static void RecordDeadLettered(string engine, string destination) => DeadLettered.Add(1, Tags(engine, destination));

    private static KeyValuePair<string, object?>[] Tags(string engine, string destination) =>
        [new("engine", engine), new("destination", destination)];
}
