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

    private FailSafeRateLimitAlgorithm Unreachable(RateLimitFailureMode mode) =>
        new FailSafeRateLimitAlgorithm(new RedisRateLimitAlgorithm(_nowhere.GetDatabase(), "token-bucket", TenPerSecond), mode, _logger);

    [Fact]
    public async Task FailOpen_AdmitsEveryRequest_AndLogsOnceNotPerRequest()
    {
        var limiter = Unreachable(RateLimitFailureMode.FailOpen);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await limiter.AcquireAsync("k")).Allowed);
        }

        Assert.Equal(20, limiter.Failures);
        var line = Assert.Single(_logger.Lines);
        Assert.Contains("FailOpen", line, StringComparison.Ordinal);
        Assert.Contains("token-bucket", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailClosed_RefusesWithARetryAfter()
    {
        var decision = await Unreachable(RateLimitFailureMode.FailClosed).AcquireAsync("k");

        Assert.False(decision.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), decision.RetryAfter);
        Assert.Single(_logger.Lines);
    }

    [Fact]
    public async Task AStoreThatDoesNotAnswerInTime_CountsAsDown()
    {
        var limiter = new FailSafeRateLimitAlgorithm(new NeverAnswers(), RateLimitFailureMode.FailClosed, _logger, timeout: TimeSpan.FromMilliseconds(50));

        var decision = await limiter.AcquireAsync("k");

        Assert.False(decision.Allowed);
        Assert.Equal(1, limiter.Failures);
    }

    [Fact]
    public async Task ACallerThatCancels_GetsItsCancellation_NotAFallback()
    {
        var limiter = new FailSafeRateLimitAlgorithm(new NeverAnswers(), RateLimitFailureMode.FailOpen, _logger, timeout: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync("k", cancellationToken: cancel.Token));
        Assert.Equal(0, limiter.Failures);
    }

    private sealed class NeverAnswers : IAsyncRateLimitAlgorithm
    {
        public string Name => "never";

        public RateLimit Limit => TenPerSecond;

        public async ValueTask<RateLimitDecision> AcquireAsync(string key, long cost = 1, bool canWait = false, CancellationToken cancellationToken = default)
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
