using System.Net;
using Blueprint.Testing;
using Microsoft.Extensions.Logging;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>Redis unreachable: the configured failure mode decides, with a log line, never a 500.</summary>
public sealed class UnreachableStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private BlueprintFactory Host(string mode)
    {
        var rules = Path.Combine(_directory.Path, "rules.yaml");
        File.WriteAllText(rules, "domain: x\ndescriptors:\n  - key: path\n    rate_limit: { unit: second, requests_per_unit: 100 }\n");
        return new BlueprintFactory(new()
        {
            ["RateLimiting:Rules"] = rules,
            ["RateLimiting:Store"] = "redis",
            ["RateLimiting:FailureMode"] = mode,
            // Port 1 on loopback: refused at once. The limiter's own Redis, so the host's other ports stay embedded.
            ["RateLimiting:Redis"] = "127.0.0.1:1,connectTimeout=200,connectRetry=0",
        });
    }

    [Theory]
    [InlineData("FailOpen", HttpStatusCode.OK)]
    [InlineData("FailClosed", HttpStatusCode.TooManyRequests)]
    public async Task TheFailureModeDecides_AndTheOutageIsLoggedOnce(string mode, HttpStatusCode expected)
    {
        using var host = Host(mode);
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/hashing/locate?key=k", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(expected, s));
        var warning = Assert.Single(host.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("Rate limiter", StringComparison.Ordinal));
        Assert.Contains(mode, warning.Message, StringComparison.Ordinal);
    }
}
