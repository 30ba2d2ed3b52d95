using System.Text.Json;
using Blueprint.BuildingBlocks.Caching;
using Blueprint.Infrastructure.Caching;
using Blueprint.UrlShortener.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Caching;

/// <summary>
/// The cache in front of the redirect path (000 §8.2, §7.9): cache-aside in process — one load per
/// key however many redirects miss at once — over Redis when it is configured, over the database.
/// Unknown keys are cached too, briefly, so a scan of random keys does not reach the database.
/// With Redis down, redirects read the database (logged once a minute). A deleted or changed link
/// is dropped here and on every other host at once, by a message on the cache port's channel.
/// </summary>
internal sealed partial class LinkCache : IHostedService, IAsyncDisposable
{
    private const string Channel = "urls:invalidate";
    private static readonly TimeSpan Hit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Miss = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly LinkStore _store;
    private readonly ICacheStore? _shared;
    private readonly ICacheChannels _channels;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CacheAside<string, CachedTarget> _local;
    private IAsyncDisposable? _subscription;
    private long _lastSharedFailureLog = long.MinValue;

    public LinkCache(LinkStore store, ICacheStore shared, ICacheChannels channels, IConfiguration configuration, IOptions<UrlShortenerOptions> options, ILogger<LinkCache> logger, TimeProvider time)
    {
        _store = store;
        // The embedded cache port is this process's memory already: a second copy there would add nothing.
        _shared = string.IsNullOrWhiteSpace(configuration["ConnectionStrings:Redis"]) ? null : shared;
        _channels = channels;
        _logger = logger;
        _time = time;
        _local = CreateLocal(options.Value.CachedLinks, time);
    }

    /// <summary>The in-process tier: a segmented LRU of <paramref name="capacity"/> links, hits kept 5 minutes (±20 %).</summary>
    internal static CacheAside<string, CachedTarget> CreateLocal(int capacity, TimeProvider time) =>
        new(new BoundedCache<string, CachedTarget>(new CacheOptions<string, CachedTarget>
        {
            Policy = EvictionPolicy.SegmentedLru,
            Capacity = capacity,
            TimeToLive = Hit,
            TimeToLiveJitter = 0.2,
            TimeProvider = time,
            Comparer = StringComparer.Ordinal,
        }));

    /// <summary>The in-process cache's statistics, for /metrics and the docs.</summary>
    public CacheStatistics Statistics => _local.Cache.Statistics;

    /// <summary>How many times a redirect had to look beyond this process (Redis or the database).</summary>
    public long Loads => _local.Loads;

    /// <summary>Where <paramref name="key"/> leads, from the nearest place that knows.</summary>
    public async ValueTask<CachedTarget> GetAsync(string key, CancellationToken cancellationToken) =>
        await _local.GetOrLoadAsync(key, LoadAsync, target => target == CachedTarget.Missing ? Miss : null, cancellationToken);

    /// <summary>Where <paramref name="key"/> leads if this process has it cached; never loads.</summary>
    public bool TryGetCached(string key, out CachedTarget target) => _local.Cache.TryGet(key, out target!);

    /// <summary>Forgets <paramref name="key"/> here, in Redis and on every other host.</summary>
    public async Task InvalidateAsync(string key, CancellationToken cancellationToken)
    {
        _local.Cache.Remove(key);
        try
        {
            if (_shared is not null)
            {
                await _shared.DeleteAsync(SharedKey(key), cancellationToken);
            }

            await _channels.PublishAsync(Channel, key, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Other hosts keep their copy until it expires (at most five minutes).
            SharedFailed(error);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _subscription = await _channels.SubscribeAsync(Channel, key =>
            {
                _local.Cache.Remove(key);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            SharedFailed(error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private async Task<CachedTarget> LoadAsync(string key, CancellationToken cancellationToken)
    {
        if (_shared is not null)
        {
            try
            {
                if (await _shared.GetAsync(SharedKey(key), cancellationToken) is { } bytes)
                {
                    return JsonSerializer.Deserialize<CachedTarget>(bytes) ?? CachedTarget.Missing;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                SharedFailed(error);
                return await FromDatabaseAsync(key, cancellationToken);
            }
        }

        var target = await FromDatabaseAsync(key, cancellationToken);
        if (_shared is not null)
        {
            try
            {
                await _shared.SetAsync(SharedKey(key), JsonSerializer.SerializeToUtf8Bytes(target), target == CachedTarget.Missing ? Miss : Hit, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                SharedFailed(error);
            }
        }

        return target;
    }

    private async Task<CachedTarget> FromDatabaseAsync(string key, CancellationToken cancellationToken) =>
        CachedTarget.Of(await _store.FindAsync(key, cancellationToken));

    private static string SharedKey(string key) => $"urls:link:{key}";

    private void SharedFailed(Exception error)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastSharedFailureLog);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= LogEvery) && Interlocked.CompareExchange(ref _lastSharedFailureLog, now, last) == last)
        {
            LogSharedFailed(_logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: the shared cache (Redis) failed; redirects read the database until it answers again")]
    private static partial void LogSharedFailed(ILogger logger, Exception error);
}
