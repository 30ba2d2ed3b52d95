using System.Text.Json;
using System.Threading.Channels;
using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Takes clicks off the redirect path: a redirect only drops its click into a bounded in-process
/// buffer and answers; this service sends them to the messaging port, as many as are waiting (up
/// to <see cref="MaxBatch"/>) in one message — one click per message at a trickle, hundreds under
/// load, so the broker and the consumer see a message per batch rather than per redirect. When the
/// buffer is full (the broker is down or slow) clicks are dropped and counted, never the redirect delayed.
/// </summary>
internal sealed partial class ClickPublisher(IMessageBus bus, TimeProvider time, ILogger<ClickPublisher> logger) : BackgroundService
{
    public const string Queue = "urls.clicks";
    public const int MaxBatch = 500;
    private readonly Channel<ClickEvent> _buffer = Channel.CreateBounded<ClickEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;

    /// <summary>Clicks lost because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records a click without waiting for anything.</summary>
    public void Record(ClickEvent click)
    {
        if (!_buffer.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clicks = new List<ClickEvent>(MaxBatch);
        while (await _buffer.Reader.WaitToReadAsync(stoppingToken))
        {
            while (clicks.Count < MaxBatch && _buffer.Reader.TryRead(out var click))
            {
                clicks.Add(click);
            }

            var batch = new ClickBatch(Guid.CreateVersion7().ToString("N"), [.. clicks]);
            clicks.Clear();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await bus.SendAsync(Queue, new Message(JsonSerializer.SerializeToUtf8Bytes(batch, ClickEvent.Json)) { Id = batch.BatchId }, stoppingToken);
                    break;
                }
                catch (Exception error) when (error is not OperationCanceledException && attempt < 3)
                {
                    LogRetry(logger, error, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Interlocked.Add(ref _dropped, batch.Clicks.Count);
                    LogDropped(logger, error, batch.Clicks.Count);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: sending a click failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception error, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: {Clicks} clicks could not be sent and are dropped")]
    private static partial void LogDropped(ILogger logger, Exception error, int clicks);
}
