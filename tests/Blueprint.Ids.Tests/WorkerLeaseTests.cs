using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Blueprint.Infrastructure.Caching;
using Blueprint.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.Ids.Tests;

/// <summary>Worker ids leased from real Redis: two hosts never share one; a host that loses its lease stops issuing.</summary>
public sealed class WorkerLeaseTests
{
    private static BlueprintFactory Host(int datacenter) => new(RealEngineSettings.Redis()
        .With("Ids:DatacenterId", datacenter.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Ids:LeaseTimeToLive", "00:00:03"));

    private static async Task<int?> WorkerIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/ids/worker")).GetProperty("workerId") is { ValueKind: JsonValueKind.Number } id ? id.GetInt32() : null;

    [Fact]
    public async Task RedisUnreachable_IdsAre503WithTheReason_AndTheHostSaysWhyInItsLog()
    {
        using var factory = new BlueprintFactory(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/ids?count=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no worker id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Poll.UntilAsync(() => factory.Logs.Any(l => l.Message.Contains("leasing a worker id", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/ids?count=5&scheme=ulid", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TwoHostsOnOneRedis_LeaseDifferentWorkerIds()
    {
        using var first = Host(12);
        using var second = Host(12);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        await Poll.UntilAsync(async () => await WorkerIdAsync(a) is not null && await WorkerIdAsync(b) is not null);

        Assert.NotEqual(await WorkerIdAsync(a), await WorkerIdAsync(b));
        var worker = await a.GetFromJsonAsync<JsonElement>("/api/ids/worker");
        Assert.True(worker.GetProperty("leased").GetBoolean());
        Assert.True(worker.GetProperty("leaseValidUntil").GetDateTimeOffset() > TimeProvider.System.GetUtcNow());
    }

    [Fact]
    public async Task GracefulStop_GivesTheWorkerIdBackAtOnce()
    {
        using var observer = Host(15);
        var store = observer.Services.GetRequiredService<ICacheStore>();
        var host = Host(14);
        using (var client = host.CreateClient())
        {
            await Poll.UntilAsync(async () => await WorkerIdAsync(client) is not null);
            var worker = await WorkerIdAsync(client);
            var key = $"ids:lease:14:{worker}";
            Assert.NotNull(await store.GetAsync(key));

            host.Dispose();
            await Poll.UntilAsync(async () => await store.GetAsync(key) is null, 5_000);
        }
    }

    [Fact]
    public async Task LeaseTakenOver_HostStopsIssuing_ThenLeasesAnotherId()
    {
        using var factory = Host(13);
        using var client = factory.CreateClient();
        await Poll.UntilAsync(async () => await WorkerIdAsync(client) is not null);
        var before = (await WorkerIdAsync(client))!.Value;
        var issuedBefore = (await client.GetFromJsonAsync<JsonElement>("/api/ids?count=100")).GetProperty("ids").EnumerateArray().Select(i => long.Parse(i.GetString()!)).Max();

        // Another holder now owns the key, as after an expiry the host did not notice.
        var store = factory.Services.GetRequiredService<ICacheStore>();
        await store.SetAsync($"ids:lease:13:{before}", Encoding.ASCII.GetBytes("someone-else"), TimeSpan.FromMinutes(1));

        await Poll.UntilAsync(async () => (await client.GetAsync(new Uri("/api/ids", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable
            || await WorkerIdAsync(client) != before);
        await Poll.UntilAsync(async () => await WorkerIdAsync(client) is { } now && now != before);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/ids?count=10");
        Assert.All(after.GetProperty("ids").EnumerateArray(), id => Assert.NotEqual(before, (int)((long.Parse(id.GetString()!) >> 12) & 31)));
        Assert.True(await store.DeleteAsync($"ids:lease:13:{before}"));
        Assert.True(issuedBefore > 0);
    }
}
