using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Blueprint.Gateway.Tests;

/// <summary>The gateway on a real port in front of real loopback hosts: spreading, health checks, forwarding.</summary>
public sealed class GatewayTests
{
    private static Task<(WebApplication Gateway, HttpClient Client)> StartGatewayAsync(string policy, params FakeBackend[] backends) =>
        StartGatewayAsync(policy, [], backends);

    private static async Task<(WebApplication Gateway, HttpClient Client)> StartGatewayAsync(string policy, string[] settings, params FakeBackend[] backends)
    {
        var gateway = GatewayHost.Build(["--urls", "http://127.0.0.1:0", "--backends", string.Join(",", backends.Select(b => b.Url)), "--Gateway:LoadBalancing", policy, .. settings]);
        await gateway.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(gateway.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
        return (gateway, client);
    }

    private static async Task<string> WhoAsync(HttpClient client) =>
        (await client.GetStringAsync(new Uri("/whoami", UriKind.Relative))).Split('|')[0];

    [Fact]
    public async Task RoundRobin_SpreadsRequestsEvenly()
    {
        await using var a = await FakeBackend.StartAsync("a");
        await using var b = await FakeBackend.StartAsync("b");
        await using var c = await FakeBackend.StartAsync("c");
        var (gateway, client) = await StartGatewayAsync("RoundRobin", a, b, c);
        await using var _ = gateway;

        for (var i = 0; i < 30; i++)
        {
            await WhoAsync(client);
        }

        Assert.Equal([10, 10, 10], new[] { a.Served, b.Served, c.Served });
    }

    [Fact]
    public async Task DeadHost_LeavesTheRotationWithinSeconds_AndReturnsWhenItRecovers()
    {
        await using var a = await FakeBackend.StartAsync("a");
        var b = await FakeBackend.StartAsync("b");
        var port = new Uri(b.Url).Port;
        var (gateway, client) = await StartGatewayAsync("RoundRobin", a, b);
        await using var _ = gateway;

        await b.DisposeAsync();
        var stopped = Environment.TickCount64;
        await Poll.UntilAsync(async () => (await Answers(client, 10)).All(r => r == "a"), what: "The dead host leaving the rotation");
        var outAfter = TimeSpan.FromMilliseconds(Environment.TickCount64 - stopped);
        Assert.True(outAfter < TimeSpan.FromSeconds(5), $"the dead host left the rotation after {outAfter.TotalSeconds:0.0} s");

        await using var revived = await FakeBackend.StartAsync("b", port);
        await Poll.UntilAsync(async () => (await Answers(client, 10)).Contains("b"), what: "The recovered host rejoining", whyNot: () => client.GetStringAsync(new Uri("/gateway/status", UriKind.Relative)));
    }

    [Fact]
    public async Task LeastRequests_SendsFewerRequestsToASlowHost()
    {
        await using var slow = await FakeBackend.StartAsync("slow", delay: TimeSpan.FromMilliseconds(300));
        await using var fast = await FakeBackend.StartAsync("fast");
        var (gateway, client) = await StartGatewayAsync("LeastRequests", slow, fast);
        await using var _ = gateway;

        // Eight clients at once, 60 requests: the slow host is busy far longer, so it is chosen less.
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= 60)
            {
                await WhoAsync(client);
            }
        })));

        Assert.Equal(60, slow.Served + fast.Served);
        Assert.True(slow.Served * 2 < fast.Served, $"slow served {slow.Served}, fast served {fast.Served}");
    }

    [Fact]
    public async Task ForwardedHeaders_TellTheHostWhoTheClientIs()
    {
        await using var a = await FakeBackend.StartAsync("a");
        var (gateway, client) = await StartGatewayAsync("RoundRobin", a);
        await using var _ = gateway;

        var parts = (await client.GetStringAsync(new Uri("/whoami", UriKind.Relative))).Split('|');

        Assert.Equal("127.0.0.1", parts[1]);
        Assert.Equal(client.BaseAddress!.Authority, parts[2]);
        Assert.Equal("http", parts[3]);
    }

    [Fact]
    public async Task RateLimitRules_RefuseInTheGateway_SoRefusedRequestsNeverReachAHost()
    {
        var rules = Path.Combine(Path.GetTempPath(), $"gateway-rules-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(rules, "domain: gateway\ndescriptors:\n  - key: client_ip\n    rate_limit: { unit: hour, requests_per_unit: 5, algorithm: fixed-window }\n");
        try
        {
            await using var a = await FakeBackend.StartAsync("a");
            var (gateway, client) = await StartGatewayAsync("RoundRobin", ["--RateLimiting:Rules", rules], a);
            await using var _ = gateway;

            var responses = new List<HttpResponseMessage>();
            for (var i = 0; i < 7; i++)
            {
                responses.Add(await client.GetAsync(new Uri("/whoami", UriKind.Relative)));
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
            Assert.Equal(5, a.Served);
            Assert.Equal("4", responses[0].Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.NotNull(responses[5].Headers.RetryAfter);
            Assert.Equal("application/problem+json", responses[5].Content.Headers.ContentType?.MediaType);
            responses.ForEach(r => r.Dispose());
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task EveryHostDown_Is503ProblemDetails()
    {
        var a = await FakeBackend.StartAsync("a");
        var (gateway, client) = await StartGatewayAsync("RoundRobin", a);
        await using var _ = gateway;
        await a.DisposeAsync();

        await Poll.UntilAsync(async () => (await client.GetAsync(new Uri("/whoami", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable, what: "A 503");
        var response = await client.GetAsync(new Uri("/whoami", UriKind.Relative));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_ListsEachHostAndWhetherItIsInRotation()
    {
        await using var a = await FakeBackend.StartAsync("a");
        var (gateway, client) = await StartGatewayAsync("RoundRobin", a);
        await using var _ = gateway;

        var status = await client.GetStringAsync(new Uri("/gateway/status", UriKind.Relative));

        Assert.Contains("host-1", status);
        Assert.Contains(a.Url, status);
        Assert.Contains("\"inRotation\":true", status);
    }

    [Theory]
    [InlineData("", "RoundRobin", "Gateway:Backends is empty")]
    [InlineData("ftp://x", "RoundRobin", "not an absolute http(s) URL")]
    [InlineData("http://127.0.0.1:1", "Fastest", "Gateway:LoadBalancing")]
    public void Build_BadSettings_RefusesNamingTheSetting(string backends, string policy, string expected)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() =>
            GatewayHost.Build(["--urls", "http://127.0.0.1:0", "--backends", backends, "--Gateway:LoadBalancing", policy]));
        Assert.Contains(expected, error.Message);
    }

    private static async Task<List<string>> Answers(HttpClient client, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await client.GetAsync(new Uri("/whoami", UriKind.Relative));
            answers.Add(response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync()).Split('|')[0] : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return answers;
    }
}
