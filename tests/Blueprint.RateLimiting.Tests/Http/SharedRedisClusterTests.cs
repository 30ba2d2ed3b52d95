using System.Net;
using Blueprint.Testing;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>Three host processes sharing one Redis: together they admit exactly the limit, not three times it.</summary>
public sealed class SharedRedisClusterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("fixed-window")]
    [InlineData("sliding-log")]
    public async Task ParallelClientsAcrossThreeHosts_GetExactlyTheLimit(string algorithm)
    {
        var rules = Path.Combine(_directory.Path, "rules.yaml");
        await File.WriteAllTextAsync(rules, $"""
            domain: cluster-{Guid.NewGuid():N}
            descriptors:
              - key: path
                value: /api/hashing/locate
                rate_limit: {"{"} unit: hour, requests_per_unit: 150, algorithm: {algorithm} {"}"}
            """);
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting:Rules"] = rules,
            ["RateLimiting:Redis"] = RealEngines.Redis,
            // On a loaded 2-core CI machine a decision can take longer than the default 250 ms, and
            // failing open would admit it: this test is about exactness, so Redis gets all the time it needs.
            ["RateLimiting:TimeoutMilliseconds"] = "30000",
            ["Blueprint:Modules"] = "hashing,rate-limiter",
        };
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => HostProcess.StartAsync(Path.Combine(_directory.Path, $"host{i}"), settings)));
        try
        {
            var clients = hosts.Select(h => new HttpClient { BaseAddress = h.Address }).ToList();
            var admitted = 0;
            var refused = 0;
            // 24 clients, 8 per host, 20 requests each: 480 requests against a limit of 150.
            await Task.WhenAll(Enumerable.Range(0, 24).Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    using var response = await clients[c % 3].GetAsync(new Uri("/api/hashing/locate?key=k", UriKind.Relative));
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {response.StatusCode}");
                    Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref admitted : ref refused);
                }
            })));

            Assert.Equal(150, admitted);
            Assert.Equal(330, refused);
            clients.ForEach(c => c.Dispose());
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }
}
