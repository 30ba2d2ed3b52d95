using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.Infrastructure.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// Blocks that lie end to end in a pack are read with one ranged read of the blob store: a file's
/// content, <c>blocks/fetch</c>, and a move to another namespace. On the embedded engines and on
/// PostgreSQL + S3.
/// </summary>
public abstract class BlockRunReadTests : IDisposable
{
    private const int FileBytes = 10 << 20;
    private readonly CountingBlobStore.Counter _reads = new();
    private readonly BlueprintFactory _factory;

    protected BlockRunReadTests(Dictionary<string, string?> settings) =>
        _factory = new BlueprintFactory(settings, services => CountingBlobStore.Install(services, _reads));

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(StorageClient Client, byte[] Content)> UploadAsync(string path = "big.bin", int seed = 7)
    {
        var alice = new StorageClient(await SignedInClient.SignUpAsync(_factory.CreateClient()));
        var content = TestBytes.Random(FileBytes, seed);
        using var response = await alice.SendAsync(HttpMethod.Put, $"files/content?path={path}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (alice, content);
    }

    private static async Task<IReadOnlyList<(string Hash, int Length)>> BlockListAsync(StorageClient client, string path) =>
        [.. (await client.JsonAsync(HttpMethod.Post, "files/update", new { path })).GetProperty("blocks").EnumerateArray()
            .Select(b => (b.GetProperty("hash").GetString()!, b.GetProperty("length").GetInt32()))];

    [Fact]
    public async Task AFilesContent_IsReadARunAtATime_AndAnyRangeIsExact()
    {
        var (alice, content) = await UploadAsync();
        var blocks = (await BlockListAsync(alice, "big.bin")).Count;
        _reads.Reset();

        Assert.Equal(content, await alice.GetAsync("big.bin"));
        var whole = _reads.Count;

        // 4 MiB runs: three or four reads for 10 MiB (a run ends where a pack does), not one per block.
        Assert.True(blocks > 100, $"only {blocks} blocks");
        Assert.InRange(whole, 3, 8);
        foreach (var (from, to) in new[] { (0L, 0L), (4_194_000L, 4_195_000L), (1_000_000L, 9_000_000L), (FileBytes - 10L, FileBytes - 1L) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(alice.Api("files/content?path=big.bin"), UriKind.Relative));
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var range = await alice.User.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(content[(int)from..((int)to + 1)], await range.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Fetch_SendsTheBlocksInTheOrderAsked_ReadingRuns()
    {
        var (alice, content) = await UploadAsync();
        var list = await BlockListAsync(alice, "big.bin");
        var offsets = list.Select((b, i) => list.Take(i).Sum(x => (long)x.Length)).ToList();
        // Most of the file in order, then a few from the start again and one twice: frames follow the request.
        var asked = list.Select(b => b.Hash).Concat([list[3].Hash, list[0].Hash, list[0].Hash]).ToList();
        _reads.Reset();

        using var response = await alice.SendAsync(HttpMethod.Post, "blocks/fetch", new { hashes = asked });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new List<(string Hash, byte[] Bytes)>();
        while (await BlockFrames.ReadHeaderAsync(body, 1 << 24, CancellationToken.None) is { } frame)
        {
            var bytes = new byte[frame.Length];
            await BlockFrames.ReadBlockAsync(body, bytes, CancellationToken.None);
            received.Add((frame.Hash, bytes));
        }

        Assert.Equal(asked, received.Select(r => r.Hash));
        var at = list.Select((b, i) => (b.Hash, i)).GroupBy(x => x.Hash).ToDictionary(g => g.Key, g => g.First().i);
        Assert.All(received, r => Assert.Equal(content.AsSpan((int)offsets[at[r.Hash]], list[at[r.Hash]].Length).ToArray(), r.Bytes));
        Assert.InRange(_reads.Count, 3, 11);
    }

    [Fact]
    public async Task AChangedByteInAPack_FailsTheRead_InsteadOfSendingWrongBytes()
    {
        var (alice, content) = await UploadAsync();
        var root = (await alice.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces")).EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "root");
        var blobs = _factory.Services.GetRequiredService<IBlobStore>();
        var packs = new List<BlobInfo>();
        await foreach (var blob in blobs.ListAsync($"cloud-storage/{root.GetProperty("id").GetString()}/"))
        {
            packs.Add(blob);
        }

        var pack = packs.MaxBy(p => p.Length)!;
        byte[] bytes;
        await using (var stored = (await blobs.OpenReadAsync(pack.Key))!)
        {
            bytes = new byte[stored.Length];
            await stored.Stream.ReadExactlyAsync(bytes);
        }

        bytes[bytes.Length / 2] ^= 0x40;
        await blobs.PutAsync(pack.Key, new MemoryStream(bytes));

        // The content's headers may have gone out before the bad block is reached: the body then breaks off.
        var download = await Record.ExceptionAsync(async () =>
        {
            using var response = await alice.SendAsync(HttpMethod.Get, "files/content?path=big.bin");
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.False(response.IsSuccessStatusCode && body.AsSpan().SequenceEqual(content), "The changed pack was read as if it were whole.");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(download is null or HttpRequestException or IOException, download?.ToString());
        var hashes = (await BlockListAsync(alice, "big.bin")).Select(b => b.Hash).ToArray();
        var fetch = await Record.ExceptionAsync(async () =>
        {
            using var response = await alice.SendAsync(HttpMethod.Post, "blocks/fetch", JsonContent.Create(new { hashes }));
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await BlockFrames.ReadHeaderAsync(body, 1 << 24, CancellationToken.None) is { } frame)
            {
                await BlockFrames.ReadBlockAsync(body, new byte[frame.Length], CancellationToken.None);
            }
        });
        Assert.NotNull(fetch);
    }

    [Fact]
    public async Task AMoveToASharedFolder_CopiesBlocksARunAtATime()
    {
        var (alice, content) = await UploadAsync();
        var team = await alice.User.JsonAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "Team" }, HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetString()!;
        _reads.Reset();

        await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "big.bin", to = "big.bin", toNamespace = teamId });

        Assert.InRange(_reads.Count, 3, 8);
        Assert.Equal(content, await new StorageClient(alice.User, teamId).GetAsync("big.bin"));
    }
}

public sealed class EmbeddedBlockRunReadTests() : BlockRunReadTests([]);

public sealed class RealEnginesBlockRunReadTests() : BlockRunReadTests(RealEngineSettings.Postgres().WithS3());
