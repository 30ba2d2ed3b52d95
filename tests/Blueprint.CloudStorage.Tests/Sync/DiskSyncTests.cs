using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>The sync engine on real folders against the real server: convergence, conflicts, odd names, and what a small edit of a large file costs.</summary>
public sealed class DiskSyncTests(EmbeddedBlueprint factory) : IClassFixture<EmbeddedBlueprint>, IDisposable
{
    private readonly List<TemporaryDirectory> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }

    private async Task<(Device A, Device B)> TwoDevicesAsync()
    {
        var apiKey = await ApiKeys.CreateAsync(factory.CreateClient());
        return (NewDevice(apiKey, "laptop"), NewDevice(apiKey, "desktop"));
    }

    private async Task<(Device A, byte[] Content)> ADeviceThatSyncedABigFileAsync(int bytes)
    {
        var (a, _) = await TwoDevicesAsync();
        var content = RandomNumberGenerator.GetBytes(bytes);
        a.Write("big.bin", content);
        await a.SyncAsync();
        return (a, content);
    }

    private TemporaryDirectory NewFolder()
    {
        var folder = new TemporaryDirectory();
        _folders.Add(folder);
        return folder;
    }

    private Device NewDevice(string apiKey, string name)
    {
        var folder = NewFolder();
        var counting = new CountingHandler();
        var http = factory.CreateDefaultClient(counting);
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new Device(folder.Path, new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", name)), counting, http);
    }

    [Fact]
    public async Task TwoFolders_ConvergeToIdenticalTrees_ThroughEditsDeletesAndRenames()
    {
        var (a, b) = await TwoDevicesAsync();
        a.Write("notes.txt", "first notes");
        a.Write("photos/2026/beach.jpg", RandomNumberGenerator.GetBytes(50_000));
        a.Write("empty.txt", "");

        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal(a.Tree(), b.Tree());

        b.Write("notes.txt", "edited on the desktop");
        File.Move(Path.Combine(b.Root, "photos", "2026", "beach.jpg"), Path.Combine(b.Root, "beach.jpg"));
        File.Delete(Path.Combine(b.Root, "empty.txt"));
        await b.SyncAsync();
        await a.SyncAsync();

        Assert.Equal(b.Tree(), a.Tree());
        Assert.Equal(["beach.jpg", "notes.txt"], a.Tree().Keys);
        // A move out of a folder leaves it, empty, as on the desktop's disk.
        Assert.Equal(["photos", "photos/2026"], a.Folders());
        Assert.Equal(b.Folders(), a.Folders());
    }

    [Fact]
    public async Task ALargeNewFile_IsSentAsItIsRead_AndACopyOfItIsNotSentAgain()
    {
        var (a, b) = await TwoDevicesAsync();
        var content = RandomNumberGenerator.GetBytes(20 << 20);
        a.Write("video.mp4", content);

        var first = await a.SyncAsync();
        a.Write("copy of video.mp4", content);
        var second = await a.SyncAsync();
        await b.SyncAsync();

        Assert.Equal(content.Length, first.BytesUploaded);
        Assert.Equal(0, second.BytesUploaded);
        Assert.Equal(a.Tree(), b.Tree());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), b.Tree()["copy of video.mp4"]);
    }

    [Fact]
    public async Task ALargeNewFile_WhoseContentRepeats_SendsEachBlockOnce_UnderTheNamesTheServerGives()
    {
        var (a, b) = await TwoDevicesAsync();
        var period = RandomNumberGenerator.GetBytes(1 << 20);
        var content = Enumerable.Repeat(period, 24).SelectMany(p => p).ToArray();
        a.Write("disk.img", content);

        var first = await a.SyncAsync();
        await b.SyncAsync();

        // Cut by content, every period after the first cuts into the same blocks: sent once each.
        Assert.InRange(first.BytesUploaded, period.Length, 3 * period.Length);
        Assert.Equal(a.Tree(), b.Tree());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), b.Tree()["disk.img"]);
    }

    [Fact]
    public async Task NamesFromTheServer_ThatAreNotTheHashesTakenHere_AreNotCommitted_TheFileIsHashedAndSentAgain()
    {
        var apiKey = await ApiKeys.CreateAsync(factory.CreateClient());
        var folder = NewFolder();
        var content = RandomNumberGenerator.GetBytes(12 << 20);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "big.bin"), content);
        var forging = new NameForgingHandler();
        using var http = factory.CreateDefaultClient(forging);
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var engine = new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", "laptop"));

        var report = await engine.SyncAsync();

        Assert.True(report.Converged, string.Join("; ", report.Skipped));
        Assert.Equal(1, forging.Forged);
        var stored = await http.GetByteArrayAsync(new Uri("api/storage/ns/root/files/content?path=big.bin", UriKind.Relative));
        Assert.True(content.AsSpan().SequenceEqual(stored), "the server holds the file as it is");
        // The second try compared every block's hash: the server held them all, so none went twice.
        Assert.Equal(content.Length, report.BytesUploaded);
    }

    [Fact]
    public async Task ALargeDownload_ArrivesAWindowAtATime_AndOneCutOffMidwayWritesNothing_UntilTheNextPassCompletesIt()
    {
        var (a, content) = await ADeviceThatSyncedABigFileAsync(40 << 20);
        var apiKey = a.Http.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var folder = NewFolder();
        var fetches = new FetchCuttingHandler { CutAt = 2 };
        using var http = factory.CreateDefaultClient(fetches);
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var engine = new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", "desktop"));

        await Assert.ThrowsAsync<RemoteUnavailableException>(() => engine.SyncAsync());

        Assert.False(File.Exists(Path.Combine(folder.Path, "big.bin")));
        fetches.CutAt = 0;
        var done = await engine.SyncAsync();
        Assert.True(done.Converged, string.Join("; ", done.Skipped));
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(folder.Path, "big.bin")));
        // 40 MiB in 16 MiB windows: three requests, after the two of the pass that was cut off.
        Assert.Equal(5, fetches.Count);
        Assert.Equal(content.Length, done.BytesDownloaded);
    }

    [Fact]
    public async Task ADownloadedFile_IsNotReadBack_ByTheNextPasses()
    {
        // Its stamp is settled once written (writing 16 MiB and flushing it takes longer than a tick
        // of the file system's clock): the pass that confirms the download, and the next sync, trust it.
        var (a, content) = await ADeviceThatSyncedABigFileAsync(16 << 20);
        var folder = NewFolder();
        var files = new ObservedFileSystem(new DiskFileSystem(folder.Path));
        var engine = new SyncEngine(files, new HttpStorageRemote(a.Http, "root", "desktop"));

        Assert.True((await engine.SyncAsync()).Converged);
        Assert.NotEqual(0, engine.State.Files.Values.Single().ModifiedTicks);
        Assert.True((await engine.SyncAsync()).Converged);

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(folder.Path, "big.bin")));
        Assert.Equal(0, files.ReadsOf("big.bin"));
    }

    [Fact]
    public async Task AFullDisk_IsTriedTwiceASync_NotEveryPass_AndTheNextSyncFinishes()
    {
        // A write that fails with "no space left" every time: each try downloads the file again, so a
        // sync gives it two (a passing fault gets its second chance) rather than one a pass.
        var (a, content) = await ADeviceThatSyncedABigFileAsync(6 << 20);
        var folder = NewFolder();
        var full = new ObservedFileSystem(new DiskFileSystem(folder.Path), full: true);
        var remote = new HttpStorageRemote(a.Http, "root", "desktop");

        var report = await new SyncEngine(full, remote).SyncAsync();

        Assert.False(report.Converged);
        Assert.Equal(SyncEngine.MaxFolderRefusals, full.WritesOf("big.bin"));
        Assert.Contains(report.Skipped, s => s.Path == "big.bin" && s.Detail.Contains("No space left", StringComparison.Ordinal));
        Assert.InRange(report.BytesDownloaded, 1, SyncEngine.MaxFolderRefusals * (long)content.Length);
        Assert.False(File.Exists(Path.Combine(folder.Path, "big.bin")));

        // Room again: the next sync finishes it.
        Assert.True((await new SyncEngine(new DiskFileSystem(folder.Path), remote).SyncAsync()).Converged);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(folder.Path, "big.bin")));
    }

    [Fact]
    public async Task AFileLargerThanTheFreeSpace_IsNotDownloaded_AndSaysWhy()
    {
        var (a, _) = await ADeviceThatSyncedABigFileAsync(6 << 20);
        a.Write("small.txt", "fits");
        await a.SyncAsync();
        var folder = NewFolder();
        var cramped = new ObservedFileSystem(new DiskFileSystem(folder.Path), availableBytes: 1 << 20);
        var requests = new PathRecordingHandler();
        var http = factory.CreateDefaultClient(requests);
        http.DefaultRequestHeaders.Add("X-Api-Key", a.Http.DefaultRequestHeaders.GetValues("X-Api-Key").Single());

        var report = await new SyncEngine(cramped, new HttpStorageRemote(http, "root", "desktop")).SyncAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Equal("big.bin", skip.Path);
        Assert.Contains("not enough room", skip.Detail, StringComparison.Ordinal);
        Assert.Equal(0, cramped.WritesOf("big.bin"));
        Assert.InRange(report.BytesDownloaded, 0, 1 << 20);
        Assert.Equal("fits", await File.ReadAllTextAsync(Path.Combine(folder.Path, "small.txt")));
        // The size the change list gave was enough to skip it: its block list was never asked for.
        Assert.Single(requests.Paths, p => p.EndsWith("/files/update", StringComparison.Ordinal));
        // Refused twice, then left for the next sync: a third pass finds nothing it may try and ends
        // the sync, where it used to plan (ask for changes, scan the folder) all eight passes.
        Assert.Equal(3, requests.Paths.Count(p => p.EndsWith("/changes", StringComparison.Ordinal)));
        Assert.False(report.Converged);
    }

    [Fact]
    public void TheFreeSpaceOfTheFolder_IsTheDisksOwn()
    {
        var folder = NewFolder();
        var free = new DiskFileSystem(folder.Path).AvailableBytes();
        Assert.NotNull(free);
        Assert.InRange(free.Value, 1, new DriveInfo(folder.Path).TotalSize);
    }

    [Fact]
    public async Task AnEditThatKeepsSizeAndAnUnsettledStamp_IsStillSent()
    {
        // A stamp ahead of the file system's clock (a same-tick write looks the same) is not trusted:
        // the file is read again, and an edit that kept its size and stamp is found.
        var (a, b) = await TwoDevicesAsync();
        var stamp = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1);
        a.Write("same.txt", "first text");
        File.SetLastWriteTimeUtc(Path.Combine(a.Root, "same.txt"), stamp);
        await a.SyncAsync();
        Assert.Equal(0, a.Engine.State.Files.Values.Single().ModifiedTicks);

        a.Write("same.txt", "other text");
        File.SetLastWriteTimeUtc(Path.Combine(a.Root, "same.txt"), stamp);
        await a.SyncAsync();
        await b.SyncAsync();

        Assert.Equal("other text", b.Tree()["same.txt"]);
    }

    [Fact]
    public async Task AReadErrorWhileALargeNewFileIsSent_CommitsNothing_AndTheNextPassCompletesIt()
    {
        var apiKey = await ApiKeys.CreateAsync(factory.CreateClient());
        var folder = NewFolder();
        var content = RandomNumberGenerator.GetBytes(12 << 20);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "big.bin"), content);
        var files = new ObservedFileSystem(new DiskFileSystem(folder.Path), failFirstReadAfter: 6 << 20);
        using var http = factory.CreateDefaultClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var engine = new SyncEngine(files, new HttpStorageRemote(http, "root", "laptop"));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a stuck upload fails, not hangs

        var report = await engine.SyncAsync(cancellationToken: bound.Token);

        Assert.True(files.Failed);
        Assert.True(report.Converged, string.Join("; ", report.Skipped));
        Assert.Equal(content, await http.GetByteArrayAsync(new Uri("api/storage/ns/root/files/content?path=big.bin", UriKind.Relative)));
        var versions = await http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/files/versions?path=big.bin", UriKind.Relative));
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task AnEmptyFolder_SyncsBothWays_AndGoesWhenRemoved()
    {
        var (a, b) = await TwoDevicesAsync();
        Directory.CreateDirectory(Path.Combine(a.Root, "projects", "next year"));
        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal(["projects", "projects/next year"], b.Folders());

        Directory.Delete(Path.Combine(b.Root, "projects", "next year"));
        await b.SyncAsync();
        await a.SyncAsync();

        Assert.Equal(["projects"], a.Folders());
        Assert.Equal(a.Folders(), b.Folders());
        var listing = await a.Http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/folder?recursive=true", UriKind.Relative));
        Assert.Equal(["projects"], listing.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task AFolderRemovedOnOneDevice_KeepsAFileAddedToItOnTheOther()
    {
        var (a, b) = await TwoDevicesAsync();
        a.Write("shared/old.txt", "old");
        await a.SyncAsync();
        await b.SyncAsync();

        Directory.Delete(Path.Combine(a.Root, "shared"), recursive: true);
        b.Write("shared/new.txt", "added meanwhile");
        await a.SyncAsync();
        await b.SyncAsync();
        await a.SyncAsync();

        Assert.Equal(new Dictionary<string, string> { ["shared/new.txt"] = "added meanwhile" }, a.Tree());
        Assert.Equal(a.Tree(), b.Tree());
        Assert.Equal(["shared"], a.Folders());
        Assert.Equal(a.Folders(), b.Folders());
    }

    [Fact]
    public async Task ConcurrentEdits_KeepOneWinnerAndOneConflictedCopy_OnBothDevices()
    {
        var (a, b) = await TwoDevicesAsync();
        a.Write("plan.md", "v1");
        await a.SyncAsync();
        await b.SyncAsync();

        a.Write("plan.md", "laptop's edit");
        b.Write("plan.md", "desktop's edit");
        await a.SyncAsync();
        await b.SyncAsync();
        await a.SyncAsync();

        var tree = a.Tree();
        Assert.Equal(tree, b.Tree());
        Assert.Equal("laptop's edit", tree["plan.md"]);
        var copy = Assert.Single(tree.Keys, k => k.StartsWith("plan (conflicted copy desktop ", StringComparison.Ordinal));
        Assert.Equal("desktop's edit", tree[copy]);
    }

    [Fact]
    public async Task ADeleteOnOneDevice_LosesToAnEditOnTheOther()
    {
        var (a, b) = await TwoDevicesAsync();
        a.Write("report.txt", "draft");
        await a.SyncAsync();
        await b.SyncAsync();

        File.Delete(Path.Combine(a.Root, "report.txt"));
        b.Write("report.txt", "final");
        await a.SyncAsync();
        await b.SyncAsync();
        await a.SyncAsync();

        Assert.Equal("final", a.Tree()["report.txt"]);
        Assert.Equal(a.Tree(), b.Tree());
    }

    [Fact]
    public async Task NamesTheServerCannotHold_AreSkippedWithAReason_AndCaseTwinsKeepOne()
    {
        var (a, _) = await TwoDevicesAsync();
        a.Write("trailing dot.", "x");
        a.Write("Readme.md", "one");
        a.Write("README.md", "two");

        var report = await a.SyncAsync();

        Assert.Contains(report.Skipped, s => s.Path == "trailing dot." && s.Detail.Contains("not syncable", StringComparison.Ordinal));
        Assert.Contains(report.Skipped, s => s.Detail.Contains("differs only in case", StringComparison.Ordinal));
        Assert.Single(report.Done, d => d.Path.Equals("readme.md", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ADryRun_SaysWhatItWouldDo_AndDoesNothing()
    {
        var (a, b) = await TwoDevicesAsync();
        a.Write("one.txt", "1");
        await a.SyncAsync();
        b.Write("two.txt", "2");

        var plan = await b.Engine.SyncAsync(dryRun: true);

        Assert.Equal(["download one.txt", "upload two.txt"], plan.Done.Select(d => $"{d.Kind} {d.Path}").Order());
        Assert.Equal(["two.txt"], b.Tree().Keys);
        Assert.Equal(0, b.Remote.BytesSent);
    }

    [Fact]
    public async Task AOneByteInsertionInA100MegabyteFile_SendsOnlyTheBlocksAroundIt()
    {
        var (a, b) = await TwoDevicesAsync();
        var content = new byte[100 * 1024 * 1024];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(a.Root, "big.bin"), content);
        await a.SyncAsync();
        await b.SyncAsync();

        byte[] edited = [.. content.AsSpan(0, 50_000_000), 42, .. content.AsSpan(50_000_000)];
        await File.WriteAllBytesAsync(Path.Combine(a.Root, "big.bin"), edited);
        var (sentBefore, receivedBefore) = (a.Remote.BytesSent, b.Remote.BytesReceived);
        var up = await a.SyncAsync();
        var down = await b.SyncAsync();

        Assert.InRange(up.BytesUploaded, 1, 96 * 1024);
        Assert.InRange(a.Remote.BytesSent - sentBefore, 1, 128 * 1024);
        Assert.InRange(down.BytesDownloaded, 1, 96 * 1024);
        Assert.InRange(b.Remote.BytesReceived - receivedBefore, 1, 128 * 1024);
        var synced = await File.ReadAllBytesAsync(Path.Combine(b.Root, "big.bin"));
        Assert.True(edited.AsSpan().SequenceEqual(synced));
    }

    [Fact]
    public async Task AFileChangedWhileItIsSent_IsNeverCommittedHalfChanged_AndItsNewContentSyncs()
    {
        var apiKey = await ApiKeys.CreateAsync(factory.CreateClient());
        var folder = NewFolder();
        var path = Path.Combine(folder.Path, "log.bin");
        var content = new byte[8 * 1024 * 1024];
        new Random(3).NextBytes(content);
        await File.WriteAllBytesAsync(path, content);
        var changed = false;
        var progress = new OnUpload(() =>
        {
            // Once the first block is on its way: 4 KiB rewritten in place, far past it, length unchanged.
            if (!changed)
            {
                changed = true;
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                file.Position = 6 * 1024 * 1024;
                file.Write(new byte[4096]);
                content.AsSpan(6 * 1024 * 1024, 4096).Clear();
            }
        });
        using var http = factory.CreateDefaultClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var engine = new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", "laptop"), progress);

        var report = await engine.SyncAsync();

        Assert.True(changed);
        Assert.True(report.Converged, string.Join("; ", report.Skipped));
        var stored = await http.GetByteArrayAsync(new Uri("api/storage/ns/root/files/content?path=log.bin", UriKind.Relative));
        Assert.True(content.AsSpan().SequenceEqual(stored), "the server holds the file as it was rewritten");
        var versions = await http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/files/versions?path=log.bin", UriKind.Relative));
        Assert.Equal(1, versions.GetArrayLength()); // no version of the half-changed file
        // The refused send is known for a changed file at once: one more send of it, not retries of stale blocks.
        Assert.InRange(report.BytesUploaded, content.Length + 1, (2 * content.Length) + (1024 * 1024));
    }

    private sealed class OnUpload(Action action) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Kind == "upload")
            {
                action();
            }
        }
    }

    internal sealed record Device(string Root, SyncEngine Engine, CountingHandler Remote, HttpClient Http)
    {
        public void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

        public void Write(string path, byte[] bytes)
        {
            var full = System.IO.Path.Combine(Root, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        public async Task<SyncReport> SyncAsync()
        {
            var report = await Engine.SyncAsync();
            Assert.True(report.Converged, string.Join("; ", report.Skipped));
            return report;
        }

        /// <summary>Every folder, in order.</summary>
        public IReadOnlyList<string> Folders() =>
            [.. new DiskFileSystem(Root).List().Where(f => f.Folder).Select(f => f.Path).Order(StringComparer.Ordinal)];

        /// <summary>Every file: small ones as their text, large ones as their SHA-256.</summary>
        public SortedDictionary<string, string> Tree()
        {
            var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in new DiskFileSystem(Root).List().Where(f => !f.Folder))
            {
                var bytes = File.ReadAllBytes(System.IO.Path.Combine(Root, file.Path));
                tree[file.Path] = bytes.Length < 1000 ? Encoding.UTF8.GetString(bytes) : Convert.ToHexString(SHA256.HashData(bytes));
            }

            return tree;
        }
    }
}

/// <summary>Records the path of every request sent through it.</summary>
internal sealed class PathRecordingHandler : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();

    public IReadOnlyCollection<string> Paths => _paths;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _paths.Enqueue(request.RequestUri!.AbsolutePath);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Counts the block downloads (<c>blocks/fetch</c>) and breaks the one numbered <see cref="CutAt"/> off.</summary>
internal sealed class FetchCuttingHandler : DelegatingHandler
{
    private int _count;

    public int Count => _count;

    public int CutAt { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/blocks/fetch", StringComparison.Ordinal) && Interlocked.Increment(ref _count) == CutAt)
        {
            throw new HttpRequestException("The connection was cut (test).");
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Answers the first unnamed upload with its first block named wrongly, as a faulty server would.</summary>
internal sealed class NameForgingHandler : DelegatingHandler
{
    private int _forged;

    public int Forged => _forged;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!request.RequestUri!.AbsolutePath.EndsWith("/blocks/unnamed", StringComparison.Ordinal) || !response.IsSuccessStatusCode || Interlocked.Increment(ref _forged) > 1)
        {
            return response;
        }

        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        answer["hashes"]![0] = new string('0', 64);
        response.Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json");
        return response;
    }
}
