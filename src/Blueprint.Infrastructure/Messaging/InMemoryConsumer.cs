using Microsoft.Extensions.Logging;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>A competing consumer on an in-process queue: <see cref="ConsumerOptions.Concurrency"/> loops taking one message at a time.</summary>
internal sealed class InMemoryConsumer : IAsyncDisposable
{
    private const string Engine = "in-process";

    private readonly InMemoryQueue _queue;
    private readonly string _destination;
    private readonly MessageHandler _handler;
    private readonly ConsumerOptions _options;
    private readonly ILogger _logger;
    private readonly Action? _onStopped;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _loops;
    private int _disposed;

    public InMemoryConsumer(InMemoryQueue queue, string destination, MessageHandler handler, ConsumerOptions options, ILogger logger, Action? onStopped)
    {
        _queue = queue;
        _destination = destination;
        _handler = handler;
        _options = options;
        _logger = logger;
        _onStopped = onStopped;
        _loops = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(ConsumeLoopAsync)).ToArray();
    }

    private async Task ConsumeLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            ReceivedMessage message;
            try
            {
                message = await _queue.DequeueAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var (outcome, error) = await DeliveryPolicy.RunAsync(_handler, message, _options.MaxAttempts, _logger, _destination, _stopping.Token);
            switch (outcome)
            {
                case DeliveryOutcome.Acknowledge:
                    MessagingMetrics.RecordAcknowledged(Engine, _destination);
                    break;
                case DeliveryOutcome.Retry:
                    _queue.Enqueue(message with { Attempt = message.Attempt + 1, Headers = DeliveryPolicy.FailureHeaders(message, error, message.Attempt + 1) });
                    MessagingMetrics.RecordRetried(Engine, _destination);
                    break;
                case DeliveryOutcome.DeadLetter:
                    _queue.DeadLetter?.Enqueue(message with { Headers = DeliveryPolicy.FailureHeaders(message, error, message.Attempt) });
                    MessagingMetrics.RecordDeadLettered(Engine, _destination);
                    break;
                case DeliveryOutcome.Abandon:
                    // Unacknowledged: back on the queue for the next consumer, as the broker would do.
                    _queue.Enqueue(message);
                    return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _onStopped?.Invoke();
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
        _stopping.Dispose();
    }
}
