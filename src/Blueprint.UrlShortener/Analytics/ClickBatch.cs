namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Clicks travelling together in one message: <paramref name="BatchId"/> is what the consumer
/// remembers, so a redelivered batch is counted once.
/// </summary>
internal sealed record ClickBatch(string BatchId, IReadOnlyList<ClickEvent> Clicks)
{
    /// <summary>A message of either shape: a batch, or (as earlier versions sent) one click whose event id stands for the batch.</summary>
    public static ClickBatch Read(ReadOnlySpan<byte> body)
    {
        var wire = System.Text.Json.JsonSerializer.Deserialize<WireShape>(body, ClickEvent.Json) ?? throw new System.Text.Json.JsonException("An empty click message.");
        return wire switch
        {
            { BatchId: { } id, Clicks: { } clicks } => new ClickBatch(id, clicks),
            { EventId: { } eventId, Key: { } key, Referrer: { } referrer, Agent: { } agent, Visitor: { } visitor } =>
                new ClickBatch(eventId, [new ClickEvent(key, wire.AtMs, referrer, agent, wire.Bot, visitor)]),
            _ => throw new System.Text.Json.JsonException("A click message is neither a batch nor a click."),
        };
    }

    private sealed record WireShape(string? BatchId, ClickEvent[]? Clicks, string? EventId, string? Key, long AtMs, string? Referrer, string? Agent, bool Bot, string? Visitor);
}
