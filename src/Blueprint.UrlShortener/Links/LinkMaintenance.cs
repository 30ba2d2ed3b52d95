using Blueprint.UrlShortener.Analytics;
using Blueprint.UrlShortener.Keys;
using Blueprint.UrlShortener.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Links;

/// <summary>
/// The shortener's background job, once per <see cref="UrlShortenerOptions.MaintenanceInterval"/>:
/// retires links that expired over <see cref="UrlShortenerOptions.ExpiredLinkRetention"/> ago (the
/// seed's lifecycle policy), a batch at a time, and counts the key space for /metrics. A link stops
/// redirecting at its expiry without this job — the redirect checks the expiry itself — so a late or
/// failed run changes nothing a visitor sees; until it is retired its owner still sees it, expired.
/// It also forgets the ids of click batches counted over a week ago (kept to spot redeliveries). A failure is logged and tried next time;
/// it never stops the host.
/// </summary>
internal sealed partial class LinkMaintenance(
    LinkStore links,
    ClickAggregator clicks,
    IKeyGenerator keys,
    KeyMetrics metrics,
    IOptions<UrlShortenerOptions> options,
    TimeProvider time,
    ILogger<LinkMaintenance> logger) : BackgroundService
{
    private const int Batch = 1_000;
    private static readonly TimeSpan SeenClicksKept = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MaintenanceInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass: every expired link retired, old click-batch ids forgotten, then the key space counted.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            int retired;
            do
            {
                retired = await links.RetireExpiredAsync(time.GetUtcNow() - options.Value.ExpiredLinkRetention, Batch, cancellationToken);
                metrics.Expired(retired);
            }
            while (retired == Batch && !cancellationToken.IsCancellationRequested);

            await clicks.ForgetCountedBeforeAsync(time.GetUtcNow() - SeenClicksKept, cancellationToken);
            metrics.Sampled(await keys.KeySpaceAsync(cancellationToken));
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, error);
        }
    }

    [LoggerMessage(LogLevel.Warning, "URL shortener maintenance failed (expired links, key-space count); trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
