using System.Net;
using System.Text;
using Blueprint.CloudStorage.Maintenance;
using Dapper;
using Blueprint.Infrastructure.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests;

/// <summary>The background job on a fake clock: versions thinned, the trash purged, unreferenced blocks and orphan blobs collected after their grace period, and nothing in use ever touched.</summary>
public abstract class MaintenanceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly BlueprintFactory _factory;
    private readonly string _email = $"maintenance-{Guid.NewGuid():N}@example.com";

    protected MaintenanceTests(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["CloudStorage:MaintenanceInterval"] = "00:00:00"; // only the test's own runs
        settings["CloudStorage:BlockGracePeriod"] = "1.00:00:00";
        settings["CloudStorage:KeepLastVersions"] = "2";
        settings["CloudStorage:KeepAllVersionsFor"] = "7.00:00:00";
        settings["CloudStorage:KeepWeeklyVersionsFor"] = "60.00:00:00";
        settings["CloudStorage:TrashRetention"] = "30.00:00:00";
        _factory = new BlueprintFactory(settings, services => services.AddSingleton<TimeProvider>(_time));
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<StorageClient> ClientAsync(bool first = false) =>
        new(first ? await SignedInClient.SignUpAsync(_factory.CreateClient(), _email) : await SignedInClient.LogInAsync(_factory.CreateClient(), _email));

    private Task<MaintenanceResult> RunAsync(bool sweep = false) =>
        _factory.Services.GetRequiredService<StorageMaintenance>().RunOnceAsync(sweep, CancellationToken.None);

    [Fact]
    public async Task BlocksNoVersionNames_AreCollectedAfterTheirGrace_AndBlocksInUseNever()
    {
        var client = await ClientAsync(first: true);
        var kept = Encoding.UTF8.GetBytes("committed content");
        await client.PutAsync("kept.txt", kept);
        var abandoned = new byte[20_000];
        new Random(1).NextBytes(abandoned);
        var sent = await client.UploadBlocksAsync(abandoned);

        Assert.Equal(0, (await RunAsync()).BlocksCollected);
        _time.Advance(TimeSpan.FromHours(25));
        var result = await RunAsync();

        Assert.Equal(sent, result.BlocksCollected);
        client = await ClientAsync();
        var missing = await client.JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = client.Blocks(abandoned).Select(b => b.Hash).ToArray() });
        Assert.Equal(sent, missing.GetProperty("missing").GetArrayLength());
        Assert.Equal(kept, await client.GetAsync("kept.txt"));
    }

    [Fact]
    public async Task ABatchIsStoredAsOnePack_WhichGoesWithTheLastBlockItHolds()
    {
        var client = await ClientAsync(first: true);
        var ns = (await client.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0].GetProperty("id").GetString()!;
        var (kept, dropped) = (new byte[50_000], new byte[20_000]); // less than half of the pack dies: it is not rewritten
        new Random(2).NextBytes(kept);
        new Random(3).NextBytes(dropped);
        using var body = new MemoryStream();
        foreach (var block in client.Blocks(kept).Concat(client.Blocks(dropped)))
        {
            await Blueprint.BuildingBlocks.Sync.BlockFrames.WriteAsync(body, block.Hash, block.Bytes);
        }

        var stored = await client.JsonAsync(HttpMethod.Post, "blocks/batch", new ByteArrayContent(body.ToArray()));
        await client.JsonAsync(HttpMethod.Post, "files/commit", client.Commit("kept.bin", kept), HttpStatusCode.Created);
        var blobs = _factory.Services.GetRequiredService<IBlobStore>();
        async Task<int> PacksAsync() => await blobs.ListAsync($"cloud-storage/{ns}/packs/").CountAsync();
        Assert.Equal(client.Blocks(kept).Count + client.Blocks(dropped).Count, stored.GetProperty("stored").GetInt32());
        Assert.Equal(1, await PacksAsync());

        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(client.Blocks(dropped).Count, (await RunAsync()).BlocksCollected);
        Assert.Equal(1, await PacksAsync());
        client = await ClientAsync();
        Assert.Equal(kept, await client.GetAsync("kept.bin"));

        await client.JsonAsync(HttpMethod.Delete, "files?path=kept.bin");
        _time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(client.Blocks(kept).Count, (await RunAsync()).BlocksCollected);
        Assert.Equal(0, await PacksAsync());
    }

    [Fact]
    public async Task APackMostlyDead_IsRewrittenWithItsLiveBlocksOnly_AndTheOldOneGoesAfterTheGrace()
    {
        var (client, ns, kept, dropped) = await OnePackMostlyUnusedAsync();
        var blobs = _factory.Services.GetRequiredService<IBlobStore>();
        async Task<List<BlobInfo>> PacksAsync() => await blobs.ListAsync($"cloud-storage/{ns}/packs/").ToListAsync();
        var original = Assert.Single(await PacksAsync());

        _time.Advance(TimeSpan.FromHours(25));
        var pass = await RunAsync();

        Assert.Equal(client.Blocks(dropped).Count, pass.BlocksCollected);
        Assert.Equal(1, pass.PacksCompacted);
        var rewritten = Assert.Single(await PacksAsync(), p => p.Key != original.Key);
        Assert.InRange(rewritten.Length, kept.Length, kept.Length + 200); // the live blocks, sealed, and nothing else
        Assert.Equal(original.Length - rewritten.Length, pass.BytesCompacted);
        client = await ClientAsync();
        Assert.Equal(kept, await client.GetAsync("kept.bin"));
        Assert.Equal(2, (await PacksAsync()).Count); // the old one is retired, not gone: a download may be reading it

        Assert.Equal(0, (await RunAsync()).RetiredPacksDropped);
        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, (await RunAsync()).RetiredPacksDropped);
        Assert.Equal(rewritten.Key, Assert.Single(await PacksAsync()).Key);
        client = await ClientAsync();
        Assert.Equal(kept, await client.GetAsync("kept.bin"));
        Assert.Equal(0, (await RunAsync()).PacksCompacted);
    }

    [Fact]
    public async Task APackWhoseBlocksWentBeforeTheLedger_IsCountedByMigration006_AndThenRewritten()
    {
        var (client, _, kept, dropped) = await OnePackMostlyUnusedAsync();
        var database = _factory.Services.GetRequiredService<StorageDatabase>().Database;
        await using (var connection = await database.OpenConnectionAsync())
        {
            // As the collector did before the ledger: the unused blocks' rows gone, no dead bytes counted.
            var hashes = client.Blocks(dropped).Select(b => b.Hash).ToList();
            foreach (var hash in hashes)
            {
                await connection.ExecuteAsync("DELETE FROM blocks WHERE hash = @Hash", new { Hash = hash });
            }

            await connection.ExecuteAsync("UPDATE packs SET dead_bytes = 0");
        }

        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(0, (await RunAsync()).PacksCompacted);

        await using (var connection = await database.OpenConnectionAsync())
        {
            using var script = new StreamReader(typeof(StorageDatabase).Assembly.GetManifestResourceStream("migrations/006_count_old_dead_bytes.sql")!);
            await connection.ExecuteAsync(await script.ReadToEndAsync());
            var (bytes, dead) = await connection.QuerySingleAsync<(long, long)>("SELECT CAST(bytes AS BIGINT), CAST(dead_bytes AS BIGINT) FROM packs");
            var live = await connection.ExecuteScalarAsync<long>("SELECT CAST(SUM(stored_length) AS BIGINT) FROM blocks");
            Assert.Equal(bytes - live, dead);
            Assert.InRange(dead, dropped.Length, dropped.Length + 1000);
        }

        Assert.Equal(1, (await RunAsync()).PacksCompacted);
        client = await ClientAsync();
        Assert.Equal(kept, await client.GetAsync("kept.bin"));
    }

    // One batch of two files' blocks stored as one pack, and only the smaller file committed.
    private async Task<(StorageClient Client, string Ns, byte[] Kept, byte[] Dropped)> OnePackMostlyUnusedAsync()
    {
        var client = await ClientAsync(first: true);
        var ns = (await client.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0].GetProperty("id").GetString()!;
        var (kept, dropped) = (new byte[20_000], new byte[60_000]);
        new Random(4).NextBytes(kept);
        new Random(5).NextBytes(dropped);
        using var body = new MemoryStream();
        foreach (var block in client.Blocks(kept).Concat(client.Blocks(dropped)))
        {
            await Blueprint.BuildingBlocks.Sync.BlockFrames.WriteAsync(body, block.Hash, block.Bytes);
        }

        await client.JsonAsync(HttpMethod.Post, "blocks/batch", new ByteArrayContent(body.ToArray()));
        await client.JsonAsync(HttpMethod.Post, "files/commit", client.Commit("kept.bin", kept), HttpStatusCode.Created);
        return (client, ns, kept, dropped);
    }

    [Fact]
    public async Task OldVersions_AreThinnedToTheLastNAndOnePerWeek()
    {
        // From a Monday morning, so each group of edits below falls in one ISO week whenever the test runs.
        var now = _time.GetUtcNow().UtcDateTime;
        _time.Advance(now.Date.AddDays(((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7 + 7).AddHours(6) - now);
        var client = await ClientAsync(first: true);
        string? parent = null;
        for (var i = 1; i <= 8; i++)
        {
            // Versions 1-4 in one week, 5-6 a week later, 7-8 today.
            parent = StorageClient.Version(await client.PutAsync("doc.txt", Encoding.UTF8.GetBytes($"v{i}"), parent: parent));
            _time.Advance(i switch { 4 => TimeSpan.FromDays(7), 6 => TimeSpan.FromDays(14), _ => TimeSpan.FromHours(1) });
            client = await ClientAsync();
        }

        var result = await RunAsync();

        client = await ClientAsync();
        var numbers = (await client.JsonAsync(HttpMethod.Get, "files/versions?path=doc.txt")).EnumerateArray().Select(v => v.GetProperty("number").GetInt64());
        Assert.Equal([8, 7, 6, 4], numbers);
        Assert.Equal(4, result.VersionsThinned);
        Assert.Equal("v8", Encoding.UTF8.GetString(await client.GetAsync("doc.txt")));
    }

    [Fact]
    public async Task TheTrash_IsPurgedAfterItsRetention_AndOldCursorsAreToldToStartOver()
    {
        var client = await ClientAsync(first: true);
        await client.PutAsync("gone.txt", Encoding.UTF8.GetBytes("soon gone"));
        await client.PutAsync("stays.txt", Encoding.UTF8.GetBytes("stays"));
        var oldCursor = (await client.JsonAsync(HttpMethod.Get, "changes/latest")).GetProperty("cursor").GetInt64();
        await client.JsonAsync(HttpMethod.Delete, "files?path=gone.txt");

        _time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await RunAsync()).FilesPurged);
        _time.Advance(TimeSpan.FromDays(2));
        var purge = await RunAsync();
        Assert.Equal(1, purge.FilesPurged);
        Assert.Equal(1, purge.BlocksCollected); // its block: unreferenced now, and long past its grace

        client = await ClientAsync();
        Assert.Empty((await client.JsonAsync(HttpMethod.Get, "trash")).EnumerateArray());
        var changes = await client.JsonAsync(HttpMethod.Get, $"changes?cursor={oldCursor}");
        Assert.True(changes.GetProperty("reset").GetBoolean());
        Assert.Equal(["stays.txt"], changes.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        var latest = changes.GetProperty("cursor").GetInt64();
        Assert.False((await client.JsonAsync(HttpMethod.Get, $"changes?cursor={latest}")).GetProperty("reset").GetBoolean());
    }

    [Fact]
    public async Task ABlobNoRowNames_IsSweptOnceItIsOlderThanTheGrace()
    {
        var client = await ClientAsync(first: true);
        await client.PutAsync("real.txt", Encoding.UTF8.GetBytes("real"));
        var blobs = _factory.Services.GetRequiredService<IBlobStore>();
        using (var orphan = new MemoryStream([1, 2, 3]))
        {
            await blobs.PutAsync("cloud-storage/orphan/ab/abcdef.0123", orphan);
        }

        Assert.Equal(0, (await RunAsync(sweep: true)).OrphansRemoved);
        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, (await RunAsync(sweep: true)).OrphansRemoved);

        Assert.Null(await blobs.GetInfoAsync("cloud-storage/orphan/ab/abcdef.0123"));
        client = await ClientAsync();
        Assert.Equal("real", Encoding.UTF8.GetString(await client.GetAsync("real.txt")));
    }
}

public sealed class EmbeddedMaintenanceTests() : MaintenanceTests([]);

/// <summary>On a database and a bucket of their own: the job's fake clock runs weeks ahead, and would collect other test classes' blocks.</summary>
public sealed class RealEnginesMaintenanceTests() : MaintenanceTests(RealEngineSettings.Postgres(RealEngines.FreshPostgresDatabase()).WithS3(bucket: $"maintenance-{Guid.NewGuid():N}"));
