using System.Text.Json;
using System.Threading.Channels;
using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Takes clicks off the redirect path: a redirect only drops its click into a bounded in-process
/// buffer and answers; this service sends them to the messaging port. When the buffer is full
/// (the broker is down or slow) clicks are dropped and counted, never the redirect delayed.
/// </summary>
internal sealed partial class ClickPublisher(IMessageBus bus, ILogger<ClickPublisher> logger) : BackgroundService
{
    public const string Queue = "urls.clicks";
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
        await foreach (var click in _buffer.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await bus.SendAsync(Queue, new Message(JsonSerializer.SerializeToUtf8Bytes(click, ClickEvent.Json)) { Id = click.EventId }, stoppingToken);
                    break;
                }
                catch (Exception error) when (error is not OperationCanceledException && attempt < 3)
                {
                    LogRetry(logger, error, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _dropped);
                    LogDropped(logger, error, click.Key);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: sending a click failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception error, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: a click on {Key} could not be sent and is dropped")]
    private static partial void LogDropped(ILogger logger, Exception error, string key);
}
