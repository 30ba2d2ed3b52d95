using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Redis;
using StackExchange.Redis;

namespace Blueprint.RateLimiting.Tests;

public sealed class InProcessAlgorithmTests : AlgorithmContract
{
    protected override IAsyncRateLimitAlgorithm Create(string name, RateLimit limit, TimeProvider time) => RateLimitAlgorithms.Create(name, limit, time);
}

/// <summary>One connection to the test run's Redis for every Redis test.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync() => Connection = await ConnectionMultiplexer.ConnectAsync(RealEngines.Redis);

    public async Task DisposeAsync() => await Connection.DisposeAsync();
}

public sealed class RedisAlgorithmTests(RedisFixture redis) : AlgorithmContract, IClassFixture<RedisFixture>
{
    // Every algorithm gets its own key prefix, so tests (and earlier runs) never share state.
    protected override IAsyncRateLimitAlgorithm Create(string name, RateLimit limit, TimeProvider time) =>
        new RedisRateLimitAlgorithm(redis.Connection.GetDatabase(), name, limit, time, prefix: $"test:{Guid.NewGuid():N}:");
}

/// <summary>What only the Redis algorithms do: decide by the server's clock, refuse unknown names.</summary>
public sealed class RedisAlgorithmSpecificTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("token-bucket")]
    [InlineData("leaking-bucket")]
    [InlineData("fixed-window")]
    [InlineData("sliding-log")]
    [InlineData("sliding-window")]
    public async Task WithoutAClock_DecidesByTheServersTime(string name)
    {
        var algorithm = new RedisRateLimitAlgorithm(redis.Connection.GetDatabase(), name, new RateLimit(5, TimeSpan.FromHours(1)), prefix: $"test:{Guid.NewGuid():N}:");
        var admitted = 0;
        for (var i = 0; i < 8; i++)
        {
            if ((await algorithm.AcquireAsync("k", canWait: true)).Allowed)
            {
                admitted++;
            }
        }

        Assert.Equal(5, admitted);
    }

    [Fact]
    public void UnknownAlgorithm_IsRefusedWithTheList()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RedisRateLimitAlgorithm(redis.Connection.GetDatabase(), "random-drop", new RateLimit(5, TimeSpan.FromSeconds(1))));
        Assert.Equal("algorithm", error.ParamName);
        Assert.Contains("sliding-window", error.Message, StringComparison.Ordinal);
    }
}

public sealed class InProcessStoreTests : StoreContract
{
    protected override IRateLimitStore Create(TimeProvider time) => new InProcessRateLimitStore(time);
}

public sealed class RedisStoreTests(RedisFixture redis) : StoreContract, IClassFixture<RedisFixture>
{
    protected override IRateLimitStore Create(TimeProvider time) =>
        new RedisRateLimitStore(redis.Connection.GetDatabase(), time, prefix: $"test:{Guid.NewGuid():N}:");
}
