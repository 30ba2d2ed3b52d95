using System.Threading.Channels;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>One in-process queue: an unbounded channel that competing consumers read from, plus where its failures go.</summary>
internal sealed class InMemoryQueue(InMemoryQueue? deadLetter)
{
    private readonly Channel<ReceivedMessage> _messages = Channel.CreateUnbounded<ReceivedMessage>();

    public InMemoryQueue? DeadLetter => deadLetter;

    public int Count => _messages.Reader.Count;

    public void Enqueue(ReceivedMessage message) => _messages.Writer.TryWrite(message);

    public ValueTask<ReceivedMessage> DequeueAsync(CancellationToken cancellationToken) => _messages.Reader.ReadAsync(cancellationToken);
}
