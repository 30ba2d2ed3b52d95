using System.Text;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// A change list from a compromised server or a hostile member of a shared folder: names inside the
/// client's own state folder, traversals, absolute paths. Each is refused for its path alone, said
/// once; the rest syncs, nothing is written outside the folder, and the client's state stays its own.
/// </summary>
public sealed class HostileNameTests(EmbeddedBlueprint factory) : IClassFixture<EmbeddedBlueprint>
{
    private static readonly string[] HostilePaths =
    [
        ".blueprint-sync/state.json",
        ".blueprint-sync/lists/x",
        ".BLUEPRINT-SYNC/state.json",
        "../x",
        "/tmp/blueprint-hostile-x",
        "a/../../x",
        "x\\..\\..\\x",
    ];

    [Fact]
    public async Task HostileNames_AreRefusedOneByOne_AndEverythingElseSyncs()
    {
        using var outer = new TemporaryDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(outer.Path, "synced")).FullName;
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", await ApiKeys.CreateAsync(factory.CreateClient()));
        var server = new HttpStorageRemote(http, "root", "laptop");
        Assert.Equal(RemoteOutcome.Committed, (await server.CreateFolderAsync("docs", CancellationToken.None)).Outcome);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var engine = new SyncEngine(new DiskFileSystem(folder), new HostileRemote(server, HostilePaths));

        var first = await engine.SyncAsync();
        var again = await engine.SyncAsync();

        Assert.True(Directory.Exists(Path.Combine(folder, "docs")));
        Assert.Contains(first.Done, a => a.Path == "notes.txt" && a.Kind == "upload");
        foreach (var hostile in HostilePaths)
        {
            var refusal = Assert.Single(first.Skipped, s => s.Path == hostile);
            Assert.Contains("cannot be placed here", refusal.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(HostilePaths.Length, again.Skipped.Count);
        Assert.False(File.Exists(Path.Combine(outer.Path, "x")));
        Assert.False(File.Exists("/tmp/blueprint-hostile-x"));
        Assert.False(File.Exists(Path.Combine(folder, "tmp", "blueprint-hostile-x")));
        // The state is still the client's own: it loads, and knows the two entries it synced.
        var state = SyncState.Load(new DiskFileSystem(folder));
        Assert.Equal(["docs", "notes.txt"], state.Files.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("hostile", Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, ".blueprint-sync", "state.json"))), StringComparison.Ordinal);
    }
}
