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

    // Framed unnamed, each under its checksum, with one block's bytes optionally swapped for others of its length.
    private static async Task<ByteArrayContent> UnnamedFramesAsync(IEnumerable<byte[]> blocks, int? forged = null, int cutAt = int.MaxValue)
    {
        using var body = new MemoryStream();
        var i = 0;
        foreach (var block in blocks)
        {
            var sent = i++ == forged ? TestBytes.Random(block.Length, 99) : block;
            await BlockFrames.WriteChecksummedAsync(body, BlockFrames.Checksum(block), sent);
        }

        return new ByteArrayContent(body.ToArray()[..(int)Math.Min(cutAt, body.Length)]);
    }

    // Commits the blocks as one file, which must read back as them end to end.
    private static async Task AssertCommitsAndReadsBackAsync(StorageClient client, List<byte[]> blocks)
    {
        var commit = new { path = "big.bin", blocks = blocks.Select(b => new { hash = BlockSeal.HashOf(b), length = b.Length }).ToArray() };
        await client.JsonAsync(HttpMethod.Post, "files/commit", commit, HttpStatusCode.Created);
        Assert.Equal(blocks.SelectMany(b => b).ToArray(), await client.GetAsync("big.bin"));
    }

    // Which of the blocks the namespace lacks, by hash.
    private static async Task<HashSet<string>> MissingAsync(StorageClient client, IEnumerable<byte[]> blocks) =>
        (await client.JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = blocks.Select(b => BlockSeal.HashOf(b)).ToArray() }))
            .GetProperty("missing").EnumerateArray().Select(h => h.GetString()!).ToHashSet();

    [Fact]
    public async Task ABatchOfSeveralGroups_WithABlockLargerThanAGroup_IsStoredWhole_AndReadsBack()
    {
        var client = await ClientAsync();
        // 3 MiB blocks fill groups that do not end on a block; a 36 MiB block is a group of its own.
        List<byte[]> blocks = [.. Enumerable.Range(0, 14).Select(i => TestBytes.Random(3 * Mib, i)), TestBytes.Random(36 * Mib, 50), TestBytes.Random(5000, 51)];

        var stored = await client.JsonAsync(HttpMethod.Post, "blocks/batch", await FramesAsync(blocks));

        Assert.Equal(blocks.Count, stored.GetProperty("stored").GetInt32());
        Assert.Empty(await MissingAsync(client, blocks));
        await AssertCommitsAndReadsBackAsync(client, blocks);
    }

    [Fact]
    public async Task UnnamedBlocks_OfSeveralGroups_AreNamedByTheirSha256InTheOrderSent_AndCommitAsUsual()
    {
        var client = await ClientAsync();
        var repeated = TestBytes.Random(5000, 51);
        List<byte[]> blocks = [.. Enumerable.Range(0, 14).Select(i => TestBytes.Random(3 * Mib, 200 + i)), repeated, TestBytes.Random(36 * Mib, 250), repeated];

        var stored = await client.JsonAsync(HttpMethod.Post, "blocks/unnamed", await UnnamedFramesAsync(blocks));

        Assert.Equal(blocks.Select(b => BlockSeal.HashOf(b)), stored.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(blocks.Count - 1, stored.GetProperty("stored").GetInt32());
        Assert.Equal(1, stored.GetProperty("alreadyStored").GetInt32());
        await AssertCommitsAndReadsBackAsync(client, blocks);
    }

    [Theory]
    [InlineData("blocks/batch", "hash-mismatch")]
    [InlineData("blocks/unnamed", "checksum-mismatch")]
    public async Task ABadBlockInALaterGroup_FailsThatGroup_AndKeepsTheGroupsBeforeIt(string route, string code)
    {
        var client = await ClientAsync();
        var blocks = Enumerable.Range(0, 24).Select(i => TestBytes.Random(2 * Mib, 100 + i)).ToList(); // 16 a group
        var body = route == "blocks/batch" ? await FramesAsync(blocks, forged: 20) : await UnnamedFramesAsync(blocks, forged: 20);

        using var response = await client.SendAsync(HttpMethod.Post, route, body);

        var problem = await StorageApiTests.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(blocks.Skip(16).Select(b => BlockSeal.HashOf(b)).ToHashSet(), await MissingAsync(client, blocks));
    }

    [Fact]
    public async Task AnUnnamedBatchCutOffInsideAHeader_IsMalformed_AndStoresNothingOfItsGroup()
    {
        var client = await ClientAsync();
        var blocks = new[] { TestBytes.Random(1000, 400), TestBytes.Random(1000, 401) };

        using var response = await client.SendAsync(HttpMethod.Post, "blocks/unnamed", await UnnamedFramesAsync(blocks, cutAt: 1000 + (2 * BlockFrames.ChecksummedHeaderLength) - 5));

        var problem = await StorageApiTests.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("bad-batch", problem.GetProperty("code").GetString());
        Assert.Equal(blocks.Select(b => BlockSeal.HashOf(b)).ToHashSet(), await MissingAsync(client, blocks));
    }
}

public sealed class EmbeddedBatchUploadTests() : BatchUploadTests([]);

public sealed class RealEnginesBatchUploadTests() : BatchUploadTests(RealEngineSettings.Postgres().WithRedis().WithS3());
