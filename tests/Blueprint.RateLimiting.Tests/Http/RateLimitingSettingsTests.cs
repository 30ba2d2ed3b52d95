using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>Settings that cannot work stop the host at start-up, naming the setting — never a limiter that silently does nothing.</summary>
public sealed class RateLimitingSettingsTests
{
    private static void Register(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddRuleRateLimiting(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Theory]
    [InlineData("RateLimiting:Store", "memcached", "RateLimiting:Store is 'memcached'")]
    [InlineData("RateLimiting:FailureMode", "sometimes", "RateLimiting:FailureMode is 'sometimes'")]
    [InlineData("RateLimiting:TimeoutMilliseconds", "0", "RateLimiting:TimeoutMilliseconds is '0'")]
    [InlineData("RateLimiting:Redis", ",,,", "cannot be used")]
    public void ABadSetting_IsRefusedByName(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:6379", [setting] = value };

        var error = Assert.Throws<RateLimitingConfigurationException>(() => Register(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisAsTheStore_WithoutARedis_IsRefused()
    {
        var error = Assert.Throws<RateLimitingConfigurationException>(() => Register(new() { ["RateLimiting:Store"] = "redis" }));

        Assert.Contains("neither RateLimiting:Redis nor ConnectionStrings:Redis is set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSettings_RegisterTheInProcessStore()
    {
        var services = new ServiceCollection().AddRuleRateLimiting(new ConfigurationBuilder().Build());

        Assert.Contains(services, d => d.ServiceType == typeof(BuildingBlocks.RateLimiting.InProcessRateLimitStore));
    }
}
