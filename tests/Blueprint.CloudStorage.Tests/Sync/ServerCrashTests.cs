using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>kill -9 of the server in the middle of an upload: no partial version is ever visible, and the upload resumes from the blocks already stored.</summary>
public sealed class ServerCrashTests
{
    [Fact]
    public async Task KillingTheServerMidUpload_LeavesNoPartialVersion_AndTheResumedUploadCompletes()
    {
        using var data = new TemporaryDirectory();
        using var folder = new TemporaryDirectory();
        var content = new byte[48 * 1024 * 1024];
        new Random(11).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "video.mp4"), content);

        var host = await HostProcess.StartAsync(data.Path, new Dictionary<string, string>());
        var apiKey = await ApiKeys.CreateAsync(new HttpClient { BaseAddress = host.Address });
        // The upload is one stream the server stores a group (some 16–20 MiB) at a time while it reads
        // on. Past 32 MiB the client holds the stream until the server says the file's first block is
        // stored (so its group is), then the server is killed in the middle of the request.
        var firstBlock = (await FileBlocks.ReadAsync(new MemoryStream(content), content.Length, CancellationToken.None)).Blocks[0].Hash;
        var killedAt = 0L;
        var progress = new Killer(done =>
        {
            if (killedAt == 0 && done >= 32 * 1024 * 1024)
            {
                Task.Run(() => WaitUntilStoredAsync(host.Address, apiKey, firstBlock)).GetAwaiter().GetResult();
                killedAt = done;
                host.KillNine();
            }
        });
        using (var http = Client(host.Address, apiKey))
        {
            var engine = new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", "laptop"), progress);
            await Assert.ThrowsAsync<RemoteUnavailableException>(() => engine.SyncAsync());
        }

        Assert.True(killedAt > 0, "the server was killed during the upload");
        using var restarted = await HostProcess.StartAsync(data.Path, new Dictionary<string, string>());
        using var after = Client(restarted.Address, apiKey);
        using var missing = await after.GetAsync(new Uri("api/storage/ns/root/files?path=video.mp4", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var resumed = await new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(after, "root", "laptop")).SyncAsync();

        Assert.True(resumed.Converged);
        Assert.InRange(resumed.BytesUploaded, 1, content.Length - (8 * 1024 * 1024)); // what was stored is not sent again
        var downloaded = await after.GetByteArrayAsync(new Uri("api/storage/ns/root/files/content?path=video.mp4", UriKind.Relative));
        Assert.True(content.AsSpan().SequenceEqual(downloaded));
        host.Dispose();
    }

    private static async Task WaitUntilStoredAsync(Uri address, string apiKey, string hash)
    {
        using var http = Client(address, apiKey);
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await http.PostAsJsonAsync(new Uri("api/storage/ns/root/blocks/compare", UriKind.Relative), new { hashes = new[] { hash } });
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("missing").GetArrayLength() == 0;
            },
            60_000,
            "The server storing the first group");
    }

    private static HttpClient Client(Uri address, string apiKey)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    private sealed class Killer(Action<long> onUpload) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Kind == "upload")
            {
                onUpload(value.Done);
            }
        }
    }
}
