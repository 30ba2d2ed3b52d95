using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Testing;
using Xunit.Abstractions;

namespace Blueprint.Ids.Tests;

/// <summary>
/// Four host processes lease worker ids from one Redis (seed 003 §7's "auto-scaled hosts"): their IDs
/// never collide; a fifth finds every id taken (and says it is not ready); after one host is killed with SIGKILL the fifth takes
/// its id when the lease expires and starts above everything the dead host issued.
/// </summary>
public sealed class IdClusterTests(ITestOutputHelper output) : IDisposable
{
    private const int Datacenter = 7;
    private readonly TemporaryDirectory _data = new();
    private readonly List<HostProcess> _hosts = [];

    private Task<HostProcess> StartAsync(string name, string waitFor = "/health/ready") => HostProcess.StartAsync(Path.Combine(_data.Path, name), new Dictionary<string, string>
    {
        ["ConnectionStrings:Redis"] = RealEngines.Redis,
        ["Blueprint:Modules"] = "ids",
        ["Ids:DatacenterId"] = $"{Datacenter}",
        // Four worker ids only, so four hosts take them all; the spare bits go to the sequence.
        ["Ids:WorkerBits"] = "2",
        ["Ids:SequenceBits"] = "15",
        ["Ids:LeaseTimeToLive"] = "00:00:03",
    }, waitFor);

    private static async Task<(HttpStatusCode Status, string? IdsStatus)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, report.GetProperty("backends").GetProperty("ids").GetProperty("status").GetString());
    }

    private static async Task<int?> WorkerIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/ids/worker")).GetProperty("workerId") is { ValueKind: JsonValueKind.Number } id ? id.GetInt32() : null;

    private static async Task<List<long>> DrainAsync(HttpClient client, int requests)
    {
        var ids = new List<long>();
        for (var i = 0; i < requests; i++)
        {
            var batch = await client.GetFromJsonAsync<JsonElement>("/api/ids?count=1000");
            ids.AddRange(batch.GetProperty("ids").EnumerateArray().Select(id => long.Parse(id.GetString()!)));
        }

        return ids;
    }

    [Fact]
    public async Task FourProcessesSharingALeaseStore_NeverIssueTheSameId_EvenAcrossAKillAndATakeOver()
    {
        _hosts.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(i => StartAsync($"host-{i}"))));
        var clients = _hosts.Select(h => new HttpClient { BaseAddress = h.Address }).ToList();
        await Poll.UntilAsync(async () => (await Task.WhenAll(clients.Select(WorkerIdAsync))).All(w => w is not null), 30_000);
        var workers = await Task.WhenAll(clients.Select(WorkerIdAsync));
        Assert.Equal(4, workers.Distinct().Count());

        // Two clients per host, all at once.
        var first = await Task.WhenAll(clients.SelectMany(c => new[] { DrainAsync(c, 25), DrainAsync(c, 25) }));
        var issued = first.SelectMany(b => b).ToList();

        // Live but not ready: a load balancer would send it nothing while it has no worker id.
        var spare = await StartAsync("host-spare", waitFor: "/health/live");
        _hosts.Add(spare);
        using var spareClient = new HttpClient { BaseAddress = spare.Address };
        Assert.Null(await WorkerIdAsync(spareClient));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await spareClient.GetAsync(new Uri("/api/ids", UriKind.Relative))).StatusCode);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ReadinessAsync(spareClient));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(clients[1]));

        _hosts[0].KillNine();
        await Poll.UntilAsync(async () => await WorkerIdAsync(spareClient) is not null, 30_000);
        Assert.Equal(workers[0], await WorkerIdAsync(spareClient));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(spareClient));
        var deadHostsHighest = issued.Where(id => (int)((id >> 15) & 3) == workers[0]).Max();
        var afterTakeOver = await DrainAsync(spareClient, 25);
        issued.AddRange(afterTakeOver);
        issued.AddRange((await Task.WhenAll(clients.Skip(1).Select(c => DrainAsync(c, 10)))).SelectMany(b => b));

        output.WriteLine($"{issued.Count:N0} IDs from 5 processes on 4 leased worker ids {string.Join(",", workers)}; the spare took worker {workers[0]} after kill -9");
        Assert.True(afterTakeOver.Min() > deadHostsHighest, "The host that took over the dead host's worker id issued below it.");
        Assert.Equal(issued.Count, issued.Distinct().Count());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _data.Dispose();
    }
}
