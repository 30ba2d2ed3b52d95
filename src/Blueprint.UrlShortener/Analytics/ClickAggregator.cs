using System.Globalization;
using System.Text.Json;
using Blueprint.Infrastructure.Messaging;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Consumes clicks from the messaging port and adds them up per link per day: clicks, referrer
/// hosts, browser families and distinct visitors, bots apart. Delivery is at least once, so each
/// event is recorded in the same transaction as its counts and a redelivery changes nothing.
/// </summary>
internal sealed class ClickAggregator(IMessageBus bus, LinkDatabase database) : BackgroundService
{
    private IAsyncDisposable? _consumer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        _consumer = await bus.ConsumeAsync(ClickPublisher.Queue, HandleAsync, new ConsumerOptions { Concurrency = 2 }, stoppingToken);

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
}
