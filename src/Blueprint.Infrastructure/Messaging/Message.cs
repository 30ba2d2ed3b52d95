namespace Blueprint.Infrastructure.Messaging;

/// <summary>A message to send: an opaque body plus string headers. The id travels with it, so consumers can de-duplicate redeliveries.</summary>
public sealed record Message(ReadOnlyMemory<byte> Body)
{
    /// <summary>Identifies the message across redeliveries and retries.</summary>
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");

    /// <summary>Application headers; names starting with <c>x-blueprint-</c> are reserved.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
