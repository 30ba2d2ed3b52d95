namespace Blueprint.Infrastructure.Messaging;

/// <summary>A delivered message. <see cref="Attempt"/> starts at 1 and grows with each retry after a failed handler.</summary>
public sealed record ReceivedMessage(string Id, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers, int Attempt);
