using System.Net;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// One streamed batch larger than a group (32 MiB): stored a group at a time in reused buffers, with
/// blocks larger than a group allowed when the host allows them, and a bad block failing only its group.
/// </summary>
public abstract class BatchUploadTests : IDisposable
{
    private const int Mib = 1024 * 1024;
    private readonly BlueprintFactory _factory;

    protected BatchUploadTests(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["CloudStorage:QuotaBytes"] = "1000000000";
        settings["CloudStorage:MaxBlockBytes"] = (40 * Mib).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory = new BlueprintFactory(settings);
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<StorageClient> ClientAsync() => new(await SignedInClient.SignUpAsync(_factory.CreateClient()));

    // Framed as the client frames them, with one block's bytes optionally swapped for others of its length.
    private static async Task<ByteArrayContent> FramesAsync(IEnumerable<byte[]> blocks, int? forged = null)
    {
        using var body = new MemoryStream();
        var i = 0;
        foreach (var block in blocks)
        {
            var sent = i++ == forged ? TestBytes.Random(block.Length, 99) : block;
            await BlockFrames.WriteAsync(body, BlockSeal.HashOf(block), sent);
        }

        return new ByteArrayContent(body.ToArray());
    }

    [Fact]
    public async Task ABatchOfSeveralGroups_WithABlockLargerThanAGroup_IsStoredWhole_AndReadsBack()
    {
        var client = await ClientAsync();
        // 3 MiB blocks fill groups that do not end on a block; a 36 MiB block is a group of its own.
        List<byte[]> blocks = [.. Enumerable.Range(0, 14).Select(i => TestBytes.Random(3 * Mib, i)), TestBytes.Random(36 * Mib, 50), TestBytes.Random(5000, 51)];

        var stored = await client.JsonAsync(HttpMethod.Post, "blocks/batch", await FramesAsync(blocks));

        Assert.Equal(blocks.Count, stored.GetProperty("stored").GetInt32());
        var missing = await client.JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = blocks.Select(b => BlockSeal.HashOf(b)).ToArray() });
        Assert.Equal(0, missing.GetProperty("missing").GetArrayLength());
        var commit = new { path = "big.bin", blocks = blocks.Select(b => new { hash = BlockSeal.HashOf(b), length = b.Length }).ToArray() };
        await client.JsonAsync(HttpMethod.Post, "files/commit", commit, HttpStatusCode.Created);
        Assert.Equal(blocks.SelectMany(b => b).ToArray(), await client.GetAsync("big.bin"));
    }

    [Fact]
    public async Task ABadBlockInALaterGroup_FailsThatGroup_AndKeepsTheGroupsBeforeIt()
    {
        var client = await ClientAsync();
        var blocks = Enumerable.Range(0, 24).Select(i => TestBytes.Random(2 * Mib, 100 + i)).ToList(); // 16 a group

        using var response = await client.SendAsync(HttpMethod.Post, "blocks/batch", await FramesAsync(blocks, forged: 20));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hash-mismatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = (await client.JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = blocks.Select(b => BlockSeal.HashOf(b)).ToArray() }))
            .GetProperty("missing").EnumerateArray().Select(h => h.GetString()!).ToHashSet();
        Assert.Equal(blocks.Skip(16).Select(b => BlockSeal.HashOf(b)).ToHashSet(), missing);
    }
}

public sealed class EmbeddedBatchUploadTests() : BatchUploadTests([]);

public sealed class RealEnginesBatchUploadTests() : BatchUploadTests(new()
{
    ["ConnectionStrings:Postgres"] = RealEngines.Postgres,
    ["ConnectionStrings:Redis"] = RealEngines.Redis,
    ["Blobs:S3:ServiceUrl"] = RealEngines.S3,
    ["Blobs:S3:AccessKey"] = "S3RVER",
    ["Blobs:S3:SecretKey"] = "S3RVER",
});
