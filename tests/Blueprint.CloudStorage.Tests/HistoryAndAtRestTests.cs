using System.Net;
using System.Security.Cryptography;
using System.Text;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.Infrastructure.Blobs;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.CloudStorage.Tests;

/// <summary>The hash-chained history (who uploaded and downloaded what) and blocks at rest, on the embedded engines and on PostgreSQL + S3.</summary>
public abstract class HistoryAndAtRestTests(Dictionary<string, string?> settings) : IDisposable
{
    private readonly BlueprintFactory _factory = new(settings);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(StorageClient Client, string Ns)> ClientAsync(string device = "laptop")
    {
        var user = await SignedInClient.SignUpAsync(_factory.CreateClient());
        var ns = (await user.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0].GetProperty("id").GetString()!;
        return (new StorageClient(user, ns, device), ns);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await _factory.Services.GetRequiredService<StorageDatabase>().Database.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    [Fact]
    public async Task TheHistory_SaysWhoUploadedAndDownloadedWhat_WhenAndThroughWhichClient()
    {
        var (laptop, _) = await ClientAsync("laptop");
        var phone = new StorageClient(laptop.User, laptop.Ns, "phone");
        await laptop.PutAsync("report.pdf", Encoding.UTF8.GetBytes("v1"));
        await phone.GetAsync("report.pdf");
        await laptop.PutAsync("other.txt", Encoding.UTF8.GetBytes("x"));

        var all = (await laptop.JsonAsync(HttpMethod.Get, "history")).GetProperty("entries").EnumerateArray().ToList();
        var ofReport = (await laptop.JsonAsync(HttpMethod.Get, "history?path=report.pdf")).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(["upload", "download", "upload"], all.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal([("download", "phone"), ("upload", "laptop")], ofReport.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("client").GetString())));
        Assert.All(all, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() > TimeProvider.System.GetUtcNow().AddMinutes(-5)));
        Assert.Equal(all[1].GetProperty("entryHash").GetString(), all[0].GetProperty("prevHash").GetString());
        var verify = await laptop.JsonAsync(HttpMethod.Get, "history/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verify.GetProperty("entries").GetInt64());
    }

    [Theory]
    [InlineData("UPDATE history SET client = 'forged' WHERE namespace_id = @Ns AND seq = 2", 2)]
    [InlineData("DELETE FROM history WHERE namespace_id = @Ns AND seq = 2", 2)]
    [InlineData("DELETE FROM history WHERE namespace_id = @Ns AND seq = 4", 4)]
    [InlineData("UPDATE history SET action = 'upload' WHERE namespace_id = @Ns AND seq = 3", 3)]
    public async Task AChangedOrRemovedEntry_IsDetectedByVerify(string tamper, long firstBad)
    {
        var (alice, ns) = await ClientAsync();
        await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("1"));
        await alice.GetAsync("a.txt");
        await alice.GetAsync("a.txt");
        await alice.JsonAsync(HttpMethod.Delete, "files?path=a.txt");
        Assert.True((await alice.JsonAsync(HttpMethod.Get, "history/verify")).GetProperty("valid").GetBoolean());

        await ExecuteAsync(tamper, new { Ns = ns });
        var verify = await alice.JsonAsync(HttpMethod.Get, "history/verify");

        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(firstBad, verify.GetProperty("firstBadSeq").GetInt64());
        Assert.False(string.IsNullOrEmpty(verify.GetProperty("problem").GetString()));
    }

    [Fact]
    public async Task BlocksAtRest_AreUnreadableWithoutTheKey_AndAChangedBlockIsNeverServed()
    {
        var (alice, ns) = await ClientAsync();
        var text = string.Concat(Enumerable.Repeat("The quarterly numbers are confidential. ", 400));
        await alice.PutAsync("secret.txt", Encoding.UTF8.GetBytes(text));
        var blobs = _factory.Services.GetRequiredService<IBlobStore>();
        var stored = new List<(string Key, byte[] Bytes)>();
        await foreach (var blob in blobs.ListAsync($"cloud-storage/{ns}/"))
        {
            await using var content = (await blobs.OpenReadAsync(blob.Key))!;
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            stored.Add((blob.Key, copy.ToArray()));
        }

        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.DoesNotContain("confidential", Encoding.Latin1.GetString(s.Bytes), StringComparison.Ordinal));
        Assert.True(stored.Sum(s => s.Bytes.Length) < text.Length / 4, "compressible text is stored compressed");
        await using var connection = await _factory.Services.GetRequiredService<StorageDatabase>().Database.OpenConnectionAsync();
        var (hash, key, offset, length) = await connection.QueryFirstAsync<(string, string, long, long)>(
            "SELECT hash, blob_key, CAST(blob_offset AS BIGINT), CAST(stored_length AS BIGINT) FROM blocks WHERE namespace_id = @Ns ORDER BY hash", new { Ns = ns });
        var bytes = stored.Single(s => s.Key == key).Bytes;
        var sealedBlock = bytes.AsSpan((int)offset, (int)length).ToArray();
        using (var intact = await alice.SendAsync(HttpMethod.Get, $"blocks/{hash}"))
        {
            Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
            Assert.Equal(hash, BlockSeal.HashOf(await intact.Content.ReadAsByteArrayAsync()));
        }

        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(sealedBlock, RandomNumberGenerator.GetBytes(32), hash));

        bytes[offset + length - 1] ^= 1; // the block's last byte, inside its pack
        using (var changed = new MemoryStream(bytes))
        {
            await blobs.PutAsync(key, changed);
        }

        using var response = await alice.SendAsync(HttpMethod.Get, $"blocks/{hash}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}

public sealed class EmbeddedHistoryAndAtRestTests() : HistoryAndAtRestTests([]);

public sealed class RealEnginesHistoryAndAtRestTests() : HistoryAndAtRestTests(RealEngineSettings.Postgres().WithS3());
