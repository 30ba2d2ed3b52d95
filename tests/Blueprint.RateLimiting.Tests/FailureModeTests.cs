using System.Collections.Concurrent;
using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Blueprint.RateLimiting.Tests;

/// <summary>Redis unreachable or too slow: the configured failure mode decides, with a log line, never an exception.</summary>
public sealed class FailureModeTests : IAsyncLifetime
{
    private static readonly RateLimit TenPerSecond = new(10, TimeSpan.FromSeconds(1));
    private readonly CapturingLogger _logger = new();
    private ConnectionMultiplexer _nowhere = null!;

    public async Task InitializeAsync() =>
        _nowhere = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,connectRetry=0");

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    private static readonly RateLimitCharge[] OneCharge = [new("token-bucket", TenPerSecond, "k")];

    private FailSafeRateLimitStore Unreachable(RateLimitFailureMode mode) =>
        new(new RedisRateLimitStore(_nowhere.GetDatabase()), mode, _logger);

    [Fact]
    public async Task FailOpen_AdmitsEveryRequest_AndLogsOnceNotPerRequest()
    {
        var limiter = Unreachable(RateLimitFailureMode.FailOpen);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await limiter.AcquireAllAsync(OneCharge))[0].Allowed);
        }

        Assert.Equal(20, limiter.Failures);
        Assert.False(limiter.Healthy);
        var line = Assert.Single(_logger.Lines);
        Assert.Contains("FailOpen", line, StringComparison.Ordinal);
        Assert.Contains("token-bucket", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailClosed_RefusesWithARetryAfter()
    {
        var decisions = await Unreachable(RateLimitFailureMode.FailClosed).AcquireAllAsync([.. OneCharge, new("fixed-window", TenPerSecond, "k")]);

        Assert.Equal(2, decisions.Length);
        var decision = decisions[1];
        Assert.False(decision.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), decision.RetryAfter);
        Assert.Single(_logger.Lines);
    }

    [Fact]
    public async Task AStoreThatDoesNotAnswerInTime_CountsAsDown()
    {
        var limiter = new FailSafeRateLimitStore(new NeverAnswers(), RateLimitFailureMode.FailClosed, _logger, timeout: TimeSpan.FromMilliseconds(50));

        var decisions = await limiter.AcquireAllAsync(OneCharge);

        Assert.False(decisions[0].Allowed);
        Assert.Equal(1, limiter.Failures);
    }

    [Fact]
    public async Task ACallerThatCancels_GetsItsCancellation_NotAFallback()
    {
        var limiter = new FailSafeRateLimitStore(new NeverAnswers(), RateLimitFailureMode.FailOpen, _logger, timeout: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAllAsync(OneCharge, cancellationToken: cancel.Token));
        Assert.Equal(0, limiter.Failures);
    }

    private sealed class NeverAnswers : IRateLimitStore
    {
        public async ValueTask<RateLimitDecision[]> AcquireAllAsync(IReadOnlyList<RateLimitCharge> charges, bool canWait = false, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
