using System.Globalization;
using System.Text.Json;
using Blueprint.Infrastructure.Messaging;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Consumes clicks from the messaging port and adds them up per link per day: clicks, referrer
/// hosts, browser families and distinct visitors, bots apart. Delivery is at least once, so each
/// event is recorded in the same transaction as its counts and a redelivery changes nothing.
/// A broker that is down or misconfigured never stops the host: consuming is retried, with a log line.
/// </summary>
internal sealed partial class ClickAggregator(IMessageBus bus, LinkDatabase database, ILogger<ClickAggregator> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private IAsyncDisposable? _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _consumer = await bus.ConsumeAsync(ClickPublisher.Queue, HandleAsync, new ConsumerOptions { Concurrency = 2 }, stoppingToken);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogCannotConsume(logger, error, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    internal async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var click = JsonSerializer.Deserialize<ClickEvent>(message.Body.Span, ClickEvent.Json) ?? throw new JsonException("An empty click event.");
        var day = DateTimeOffset.FromUnixTimeMilliseconds(click.AtMs).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = new { click.Key, Day = day, Bot = click.Bot ? 1 : 0, Host = click.Referrer, Family = click.Agent, click.Visitor, Id = click.EventId };
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO click_events_seen (event_id) VALUES (@Id) ON CONFLICT (event_id) DO NOTHING", row, transaction, cancellationToken: cancellationToken));
        if (first == 0)
        {
            return; // counted already: this is a redelivery
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO click_daily (link_key, day, bot, clicks) VALUES (@Key, @Day, @Bot, 1)
            ON CONFLICT (link_key, day, bot) DO UPDATE SET clicks = click_daily.clicks + 1;
            INSERT INTO click_referrers (link_key, day, bot, host, clicks) VALUES (@Key, @Day, @Bot, @Host, 1)
            ON CONFLICT (link_key, day, bot, host) DO UPDATE SET clicks = click_referrers.clicks + 1;
            INSERT INTO click_agents (link_key, day, bot, family, clicks) VALUES (@Key, @Day, @Bot, @Family, 1)
            ON CONFLICT (link_key, day, bot, family) DO UPDATE SET clicks = click_agents.clicks + 1;
            INSERT INTO click_visitors (link_key, day, bot, visitor) VALUES (@Key, @Day, @Bot, @Visitor)
            ON CONFLICT (link_key, day, bot, visitor) DO NOTHING;
            """, row, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: cannot consume clicks from the messaging port; trying again in {Seconds} s")]
    private static partial void LogCannotConsume(ILogger logger, Exception error, double seconds);
}
