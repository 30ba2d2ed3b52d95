using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>A download's blocks fetched a window at a time: each block once, in order, with bounded memory.</summary>
public sealed class BlockFetchWindowsTests
{
    private static readonly Dictionary<string, byte[]> Server = Enumerable.Range(0, 10)
        .Select(i => Enumerable.Repeat((byte)i, 1000).ToArray())
        .ToDictionary(b => BlockSeal.HashOf(b), b => b, StringComparer.Ordinal);

    private static BlockRef Block(int i) => new(BlockSeal.HashOf(Enumerable.Repeat((byte)i, 1000).ToArray()), 1000);

    private sealed class RecordingServer
    {
        public List<string[]> Requests { get; } = [];

        public int InFlight { get; private set; }

        public int MostInFlight { get; private set; }

        public async Task<IReadOnlyDictionary<string, byte[]>> FetchAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
        {
            Requests.Add([.. hashes]);
            MostInFlight = Math.Max(MostInFlight, ++InFlight);
            await Task.Yield();
            InFlight--;
            return hashes.Where(Server.ContainsKey).ToDictionary(h => h, h => Server[h], StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task EachBlockIsFetchedOnce_InWindowsOfTheGivenSize_AndHeldBlocksNotAtAll()
    {
        var server = new RecordingServer();
        // 0 1 2 1 3 4 (5 held) 6 0 7: seven distinct blocks to fetch, 2,500 bytes a window.
        BlockRef[] file = [Block(0), Block(1), Block(2), Block(1), Block(3), Block(4), Block(5), Block(6), Block(0), Block(7)];
        await using var windows = new BlockFetchWindows(server.FetchAsync, file, h => h == Block(5).Hash, windowBytes: 2_500);

        var read = new List<byte[]?>();
        foreach (var block in file)
        {
            read.Add(await windows.TakeAsync(block.Hash, CancellationToken.None));
        }

        Assert.Equal(3, windows.Windows);
        Assert.Equal(
            [[Block(0).Hash, Block(1).Hash, Block(2).Hash], [Block(3).Hash, Block(4).Hash, Block(6).Hash], [Block(7).Hash]],
            server.Requests);
        Assert.Null(read[6]);
        Assert.All(file.Select((b, i) => (b, i)).Where(x => x.i != 6), x => Assert.Equal(Server[x.b.Hash], read[x.i]));
        Assert.Equal(7_000, windows.Downloaded);
    }

    [Fact]
    public async Task StartFetchesTheFirstWindow_AndAsksForTheSecond_ButNoMore()
    {
        var server = new RecordingServer();
        BlockRef[] file = [.. Enumerable.Range(0, 10).Select(Block)];
        await using var windows = new BlockFetchWindows(server.FetchAsync, file, _ => false, windowBytes: 3_000);

        await windows.StartAsync(CancellationToken.None);

        Assert.Equal(4, windows.Windows);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(3_000, windows.Downloaded);
        Assert.Equal(1, server.MostInFlight);
    }

    [Fact]
    public async Task ABlockTheServerDoesNotSend_StopsTheDownload()
    {
        var server = new RecordingServer();
        var unknown = new BlockRef(new string('a', 64), 1000);
        await using var windows = new BlockFetchWindows(server.FetchAsync, [Block(0), unknown], _ => false);

        await Assert.ThrowsAsync<RemoteUnavailableException>(() => windows.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AFileWhollyHeld_FetchesNothing()
    {
        var server = new RecordingServer();
        await using var windows = new BlockFetchWindows(server.FetchAsync, [Block(0), Block(1)], _ => true);

        await windows.StartAsync(CancellationToken.None);

        Assert.Null(await windows.TakeAsync(Block(0).Hash, CancellationToken.None));
        Assert.Equal(0, windows.Windows);
        Assert.Empty(server.Requests);
    }
}
