using System.Globalization;
using System.Threading.Channels;
using Blueprint.Infrastructure.Messaging;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>
/// Consumes clicks from the messaging port and adds them up per link per day: clicks, referrer
/// hosts, browser families and distinct visitors, bots apart. A message carries a batch of clicks
/// (<see cref="ClickPublisher"/>). Delivery is at least once, so each batch id is recorded in the
/// same transaction as its counts and a redelivery changes nothing. Writes are grouped too (group
/// commit): up to <see cref="Concurrency"/> deliveries wait at once, one transaction adds up all
/// that arrived meanwhile, and each is acknowledged only after it commits — one database lock per
/// group rather than per click, which is what lets creates on the embedded SQLite keep pace with a
/// thousand redirects a second.
/// A broker that is down or misconfigured never stops the host: consuming is retried, with a log line.
/// </summary>
internal sealed partial class ClickAggregator(IMessageBus bus, LinkDatabase database, ILogger<ClickAggregator> logger, TimeProvider time) : BackgroundService
{
    private const int Concurrency = 128;
    private const int MaxBatch = 64; // messages per transaction, each a batch of clicks
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly Channel<PendingClick> _pending = Channel.CreateUnbounded<PendingClick>(new UnboundedChannelOptions { SingleReader = true });
    private IAsyncDisposable? _consumer;
    private Task? _writer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _writer = WriteBatchesAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _consumer = await bus.ConsumeAsync(ClickPublisher.Queue, HandleAsync, new ConsumerOptions { Concurrency = Concurrency }, stoppingToken);
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
        if (_writer is not null)
        {
            await _writer;
        }
    }

    /// <summary>Counts one delivered batch of clicks; returns once the group holding it has committed, so the delivery is acknowledged only then.</summary>
    internal async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var pending = new PendingClick(ClickBatch.Read(message.Body.Span), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingClick>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    await WriteAsync(batch.Select(p => p.Clicks), stoppingToken);
                    batch.ForEach(p => p.Committed.TrySetResult());
                }
                catch (Exception error)
                {
                    // Every delivery of the batch fails and is redelivered; the seen-events table makes that safe.
                    batch.ForEach(p => p.Committed.TrySetException(error));
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: deliveries still waiting are not acknowledged, so the broker delivers them again.
        }
    }

    /// <summary>
    /// Forgets the ids of batches counted before <paramref name="cutoff"/>: a redelivery comes within
    /// minutes, not days, and the table would otherwise grow by a row per batch for ever. Batch ids are
    /// UUIDv7 in hex, whose first 12 digits are the milliseconds they were made at, so "before" is a
    /// string comparison on the primary key.
    /// </summary>
    /// <returns>How many ids were forgotten.</returns>
    public async Task<int> ForgetCountedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var bound = cutoff.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture);
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM click_events_seen WHERE event_id < @Bound", new { Bound = bound }, cancellationToken: cancellationToken));
    }

    private async Task WriteAsync(IEnumerable<ClickBatch> batches, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = new List<ClickRow>();
        foreach (var batch in batches)
        {
            if (await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO click_events_seen (event_id) VALUES (@BatchId) ON CONFLICT (event_id) DO NOTHING", batch, transaction, cancellationToken: cancellationToken)) == 1)
            {
                fresh.AddRange(batch.Clicks.Select(ClickRow.Of)); // not a redelivery: count it
            }
        }

        async Task AddAsync(string sql, IEnumerable<object> rows) =>
            await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));

        await AddAsync(
            "INSERT INTO click_daily (link_key, day, bot, clicks) VALUES (@Key, @Day, @Bot, @Clicks) ON CONFLICT (link_key, day, bot) DO UPDATE SET clicks = click_daily.clicks + excluded.clicks",
            fresh.GroupBy(r => (r.Key, r.Day, r.Bot)).Select(g => new { g.Key.Key, g.Key.Day, g.Key.Bot, Clicks = g.LongCount() }));
        await AddAsync(
            "INSERT INTO click_referrers (link_key, day, bot, host, clicks) VALUES (@Key, @Day, @Bot, @Host, @Clicks) ON CONFLICT (link_key, day, bot, host) DO UPDATE SET clicks = click_referrers.clicks + excluded.clicks",
            fresh.GroupBy(r => (r.Key, r.Day, r.Bot, r.Host)).Select(g => new { g.Key.Key, g.Key.Day, g.Key.Bot, g.Key.Host, Clicks = g.LongCount() }));
        await AddAsync(
            "INSERT INTO click_agents (link_key, day, bot, family, clicks) VALUES (@Key, @Day, @Bot, @Family, @Clicks) ON CONFLICT (link_key, day, bot, family) DO UPDATE SET clicks = click_agents.clicks + excluded.clicks",
            fresh.GroupBy(r => (r.Key, r.Day, r.Bot, r.Family)).Select(g => new { g.Key.Key, g.Key.Day, g.Key.Bot, g.Key.Family, Clicks = g.LongCount() }));
        await AddAsync(
            "INSERT INTO click_visitors (link_key, day, bot, visitor) VALUES (@Key, @Day, @Bot, @Visitor) ON CONFLICT (link_key, day, bot, visitor) DO NOTHING",
            fresh.Distinct());
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: cannot consume clicks from the messaging port; trying again in {Seconds} s")]
    private static partial void LogCannotConsume(ILogger logger, Exception error, double seconds);

    private sealed record PendingClick(ClickBatch Clicks, TaskCompletionSource Committed);

    // One click as the tables key it: its day in UTC and bot flag as stored.
    private sealed record ClickRow(string Key, string Day, int Bot, string Host, string Family, string Visitor)
    {
        public static ClickRow Of(ClickEvent click) => new(
            click.Key,
            DateTimeOffset.FromUnixTimeMilliseconds(click.AtMs).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            click.Bot ? 1 : 0,
            click.Referrer,
            click.Agent,
            click.Visitor);
    }
}
