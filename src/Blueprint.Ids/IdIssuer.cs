using System.Diagnostics.CodeAnalysis;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids.Contracts;
using Blueprint.Infrastructure;
using Blueprint.Infrastructure.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.Ids;

/// <summary>
/// This host's Snowflake generator and the worker id under it: fixed from configuration (with a file
/// checkpoint) or leased from the shared store and renewed in the background.
/// </summary>
internal sealed partial class IdIssuer(
    IOptions<IdServiceOptions> options,
    ICacheStore store,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<IdIssuer> logger) : BackgroundService, IUniqueIds
{
    private readonly IdServiceOptions _options = options.Value;
    private readonly TaskCompletionSource _firstWorker = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Worker? _current;

    /// <summary>How long a request, or a readiness probe, waits for the first worker id after start-up.</summary>
    public static readonly TimeSpan FirstWorkerPatience = TimeSpan.FromSeconds(3);

    private sealed record Worker(SnowflakeGenerator Generator, WorkerLease? Lease);

    /// <summary>The layout and epoch IDs of this service are decoded with.</summary>
    public SnowflakeCodec Codec { get; } = new(options.Value.Layout, options.Value.Epoch);

    /// <summary>What this host is issuing under, for /api/ids/worker.</summary>
    public WorkerStatus Status()
    {
        var current = _current;
        return new WorkerStatus(
            _options.DatacenterId,
            current?.Generator.WorkerId,
            current?.Lease is not null || _options.WorkerId is null,
            current?.Lease?.ValidUntil,
            current is null ? null : Codec.Epoch.AddMilliseconds(current.Generator.ReservedUntil),
            Codec.Epoch,
            $"{_options.TimestampBits}/{_options.DatacenterBits}/{_options.WorkerBits}/{_options.SequenceBits}");
    }

    /// <summary>
    /// Waits, at most <see cref="FirstWorkerPatience"/>, for the first worker id after start-up, so that
    /// the first requests to a new host are served rather than refused while its lease is on the way.
    /// </summary>
    public async Task WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            try
            {
                await _firstWorker.Task.WaitAsync(FirstWorkerPatience, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Next() says why there is no worker id.
            }
        }
    }

    /// <inheritdoc />
    public async Task<long> NextAsync(CancellationToken cancellationToken)
    {
        await WaitForWorkerAsync(cancellationToken);
        return Next(1)[0];
    }

    /// <summary>Issues <paramref name="count"/> IDs, in increasing order.</summary>
    public long[] Next(int count)
    {
        var current = _current;
        if (!CanIssue(current, out var reason))
        {
            throw new IdsUnavailableException(reason);
        }

        var ids = new long[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = current.Generator.Next();
        }

        return ids;
    }

    /// <summary>Why this host cannot issue IDs right now, or null when it can.</summary>
    public string? WhyUnavailable() => CanIssue(_current, out var reason) ? null : reason;

    private static bool CanIssue([NotNullWhen(true)] Worker? current, [NotNullWhen(false)] out string? reason)
    {
        if (current is null)
        {
            reason = "This host has no worker id yet: every id may be leased by other hosts, or the shared store is unreachable. It keeps trying.";
            return false;
        }

        if (current.Lease is { IsValid: false } lease)
        {
            reason = $"The lease on worker id {lease.WorkerId} lapsed at {lease.ValidUntil:O} and was not renewed; issuing more could repeat another host's IDs.";
            return false;
        }

        reason = null;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var generator = _options.Generator(_options.WorkerId ?? 0);
        if (_options.WorkerId is { } fixedWorker)
        {
            var directory = Path.GetFullPath(configuration[InfrastructureRegistration.DataDirectorySetting] ?? "data");
            var checkpoint = new FileSnowflakeCheckpoint(Path.Combine(directory, "ids", $"snowflake-{_options.DatacenterId}-{fixedWorker}.checkpoint"));
            var worker = new Worker(new SnowflakeGenerator(generator, time, checkpoint), null);
            _current = worker;
            _firstWorker.TrySetResult();
            LogFixed(logger, _options.DatacenterId, fixedWorker);
            await KeepReservingAheadAsync(worker, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        _ = new SnowflakeGenerator(generator, time); // validates the options before the first lease
        var renewEvery = _options.LeaseTimeToLive / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkerLease? lease = null;
            try
            {
                lease = await WorkerLease.AcquireAsync(store, time, _options.LeaseTimeToLive, _options.DatacenterId, _options.Layout.MaxWorkerId, stoppingToken);
                if (lease is null)
                {
                    LogAllTaken(logger, _options.Layout.MaxWorkerId + 1, _options.DatacenterId);
                    await Task.Delay(renewEvery, time, stoppingToken);
                    continue;
                }

                var floor = await lease.ReadFloorAsync(stoppingToken);
                var checkpoint = new SharedStoreCheckpoint(store, lease.FloorKey, floor);
                var leased = new Worker(new SnowflakeGenerator(_options.Generator(lease.WorkerId), time, checkpoint), lease);
                _current = leased;
                _firstWorker.TrySetResult();
                LogLeased(logger, lease.WorkerId, _options.DatacenterId, lease.ValidUntil);
                using var leaseEnded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var reserving = KeepReservingAheadAsync(leased, leaseEnded.Token);
                try
                {
                    await KeepRenewingAsync(lease, renewEvery, stoppingToken);
                }
                finally
                {
                    await leaseEnded.CancelAsync();
                    await reserving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogStoreFailed(logger, error);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                if (lease is not null && stoppingToken.IsCancellationRequested)
                {
                    await ReleaseQuietlyAsync(lease);
                }
            }
        }
    }

    private async Task KeepRenewingAsync(WorkerLease lease, TimeSpan renewEvery, CancellationToken stoppingToken)
    {
        while (true)
        {
            await Task.Delay(renewEvery, time, stoppingToken);
            try
            {
                if (!await lease.RenewAsync(stoppingToken))
                {
                    LogLost(logger, lease.WorkerId);
                    return;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Keep issuing until the lease's own validity runs out; a later renewal may still succeed.
                LogRenewalFailed(logger, error, lease.WorkerId, lease.ValidUntil);
                if (!lease.IsValid)
                {
                    return;
                }
            }
        }
    }

    // While IDs flow, the next reservation is saved a few times per CheckpointAhead, before Next()
    // needs it: no request waits on the store's round trip (or the disk's flush) for it. A failure
    // is left for Next(), which refuses with the reason once the reservation runs out. Nothing is
    // saved under a lease that lapsed: the worker id may be another host's by then.
    private async Task KeepReservingAheadAsync(Worker worker, CancellationToken cancellationToken)
    {
        var every = worker.Generator.CheckpointAhead / 4;
        while (true)
        {
            await Task.Delay(every, time, cancellationToken);
            try
            {
                if (CanIssue(worker, out _))
                {
                    await worker.Generator.ReserveAheadAsync(cancellationToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogReserveAheadFailed(logger, error);
            }
        }
    }

    private async Task ReleaseQuietlyAsync(WorkerLease lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await lease.ReleaseAsync(timeout.Token);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, error, lease.WorkerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IDs: fixed worker id {WorkerId} in datacenter {DatacenterId} (from configuration)")]
    private static partial void LogFixed(ILogger logger, int datacenterId, int workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "IDs: leased worker id {WorkerId} in datacenter {DatacenterId}, valid until {ValidUntil:O}")]
    private static partial void LogLeased(ILogger logger, int workerId, int datacenterId, DateTimeOffset validUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IDs: all {Count} worker ids of datacenter {DatacenterId} are leased by other hosts; retrying")]
    private static partial void LogAllTaken(ILogger logger, int count, int datacenterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IDs: the lease on worker id {WorkerId} was lost; issuing stops until a new one is leased")]
    private static partial void LogLost(ILogger logger, int workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IDs: renewing the lease on worker id {WorkerId} failed; it stays valid until {ValidUntil:O}")]
    private static partial void LogRenewalFailed(ILogger logger, Exception error, int workerId, DateTimeOffset validUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IDs: the shared store failed while leasing a worker id; retrying in 1 s")]
    private static partial void LogStoreFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "IDs: saving the next reservation ahead failed; the next ID past the current one tries again")]
    private static partial void LogReserveAheadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IDs: releasing worker id {WorkerId} failed; it frees itself when the lease expires")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, int workerId);
}
