using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Blueprint.RateLimiting;

/// <summary>What a limiter does when its store (Redis) cannot answer.</summary>
public enum RateLimitFailureMode
{
    /// <summary>Admit the request: availability over protection (the usual choice for an API).</summary>
    FailOpen,

    /// <summary>Refuse the request with a short Retry-After: protection over availability (costly third-party calls, logins).</summary>
    FailClosed,
}

/// <summary>
/// Wraps a remote algorithm so that a store that is down, slow or refusing never turns into an error
/// for the caller: the decision falls back to the configured failure mode, and the failure is logged
/// once, then at most every 10 s with the count of failures in between.
/// </summary>
public sealed partial class FailSafeRateLimitAlgorithm(
    IAsyncRateLimitAlgorithm inner,
    RateLimitFailureMode mode,
    ILogger logger,
    TimeSpan? timeout = null,
    TimeProvider? time = null) : IAsyncRateLimitAlgorithm
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _logGate = new();
    private long _failures;
    private long _failuresAtLastLog;
    private DateTimeOffset _lastLog = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public RateLimit Limit => inner.Limit;

    /// <summary>The failure mode in force.</summary>
    public RateLimitFailureMode Mode => mode;

    /// <summary>Decisions the store could not make, so far.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> AcquireAsync(string key, long cost = 1, bool canWait = false, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.AcquireAsync(key, cost, canWait, cancellationToken).AsTask().WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            LogFailure(error);
            return mode == RateLimitFailureMode.FailOpen
                ? new RateLimitDecision(true, Limit.Limit, Limit.Limit, TimeSpan.Zero, TimeSpan.Zero)
                : new RateLimitDecision(false, Limit.Limit, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private void LogFailure(Exception error)
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

        LogStoreFailed(logger, error, Name, mode, since);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter {Algorithm}: the store did not decide ({Failures} failures since the last report); deciding {Mode} until it answers again")]
    private static partial void LogStoreFailed(ILogger logger, Exception error, string algorithm, RateLimitFailureMode mode, long failures);
}
