using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Blueprint.RateLimiting;

/// <summary>
/// A store that never throws for its store's sake: when the inner store fails or takes longer than
/// the timeout, the failure mode decides, and a warning is logged — once, then at most every 10 s
/// with a count — so an outage is visible without a log line per request.
/// </summary>
/// <param name="inner">The store that decides when it can (Redis).</param>
/// <param name="mode">What to decide when it cannot.</param>
/// <param name="logger">Where the outage is reported.</param>
/// <param name="timeout">How long a decision may take before the store counts as down; 250 ms when null.</param>
/// <param name="time">The clock for the timeout and the log throttle.</param>
public sealed partial class FailSafeRateLimitStore(
    IRateLimitStore inner,
    RateLimitFailureMode mode,
    ILogger logger,
    TimeSpan? timeout = null,
    TimeProvider? time = null) : IRateLimitStore
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _logGate = new();
    private long _failures;
    private long _failuresAtLastLog;
    private DateTimeOffset _lastLog = DateTimeOffset.MinValue;

    /// <summary>The failure mode.</summary>
    public RateLimitFailureMode Mode => mode;

    /// <summary>Decisions the store failed to make.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>True when the latest decision came from the store rather than the failure mode.</summary>
    public bool Healthy { get; private set; } = true;

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision[]> AcquireAllAsync(IReadOnlyList<RateLimitCharge> charges, bool canWait = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        try
        {
            var decisions = await inner.AcquireAllAsync(charges, canWait, cancellationToken).AsTask().WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            Healthy = true;
            return decisions;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Healthy = false;
            Interlocked.Increment(ref _failures);
            LogFailure(error, charges);
            return [.. charges.Select(c => mode == RateLimitFailureMode.FailOpen
                ? new RateLimitDecision(true, c.Limit.Limit, c.Limit.Limit, TimeSpan.Zero, TimeSpan.Zero)
                : new RateLimitDecision(false, c.Limit.Limit, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))];
        }
    }

    private void LogFailure(Exception error, IReadOnlyList<RateLimitCharge> charges)
    {
        var now = _time.GetUtcNow();
        long since;
        lock (_logGate)
        {
            if (now - _lastLog < LogEvery)
            {
                return;
            }

            since = Interlocked.Read(ref _failures) - _failuresAtLastLog;
            _failuresAtLastLog = Interlocked.Read(ref _failures);
            _lastLog = now;
        }

        LogStoreFailed(logger, error, string.Join(", ", charges.Select(c => c.Algorithm).Distinct()), mode, since);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter ({Algorithms}): the store did not decide ({Failures} failures since the last report); deciding {Mode} until it answers again")]
    private static partial void LogStoreFailed(ILogger logger, Exception error, string algorithms, RateLimitFailureMode mode, long failures);
}
