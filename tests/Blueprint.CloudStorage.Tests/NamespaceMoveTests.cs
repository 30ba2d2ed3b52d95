using System.Net;
using System.Text;
using System.Text.Json;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// Moves between namespaces (a root and a shared folder): the content arrives sealed under the
/// target's key, the source keeps it in its trash, both histories say so, and a refused move —
/// a stranger's or read-only target, a taken path, a full target, a stale version — changes neither.
/// </summary>
public abstract class NamespaceMoveTests(Dictionary<string, string?> settings) : SmallQuotaTests(settings)
{
    private async Task<(StorageClient Root, StorageClient Shared, string SharedId)> AliceAsync()
    {
        var alice = await SignedInClient.SignUpAsync(Factory.CreateClient());
        var team = await alice.JsonAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "Team" }, HttpStatusCode.Created);
        var id = team.GetProperty("id").GetString()!;
        return (new StorageClient(alice), new StorageClient(alice, id), id);
    }

    private static IEnumerable<string?> Paths(JsonElement listing) =>
        listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString());

    [Fact]
    public async Task AFolderMovedIntoASharedFolder_ArrivesWhole_AndStaysInTheRootsTrash()
    {
        var (root, shared, sharedId) = await AliceAsync();
        var big = TestBytes.Random(300_000, 1);
        await root.PutAsync("trip/photo.jpg", big);
        await root.PutAsync("trip/notes/day1.txt", Encoding.UTF8.GetBytes("day one"));
        await root.JsonAsync(HttpMethod.Post, "folders", new { path = "trip/empty" }, HttpStatusCode.Created);
        await root.PutAsync("stays.txt", Encoding.UTF8.GetBytes("stays"));

        var moved = await root.JsonAsync(HttpMethod.Post, "files/move", new { from = "trip", to = "2026/trip", toNamespace = sharedId });

        Assert.Equal(3, moved.GetProperty("files").GetArrayLength());
        Assert.Equal(big, await shared.GetAsync("2026/trip/photo.jpg"));
        Assert.Equal("day one", Encoding.UTF8.GetString(await shared.GetAsync("2026/trip/notes/day1.txt")));
        var there = await shared.JsonAsync(HttpMethod.Get, "folder?recursive=true");
        Assert.Equal(["2026", "2026/trip", "2026/trip/empty", "2026/trip/notes"], there.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["stays.txt"], Paths(await root.JsonAsync(HttpMethod.Get, "folder?recursive=true")));
        Assert.Equal(3, (await root.JsonAsync(HttpMethod.Get, "trash")).GetArrayLength());
        var rootHistory = (await root.JsonAsync(HttpMethod.Get, "history")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        var sharedHistory = (await shared.JsonAsync(HttpMethod.Get, "history")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(3, rootHistory.Count(a => a == "move-out"));
        Assert.Equal(3, sharedHistory.Count(a => a == "move-in"));
        Assert.True((await shared.JsonAsync(HttpMethod.Get, "history/verify")).GetProperty("valid").GetBoolean());
        var usedByNamespace = (await root.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces")).EnumerateArray()
            .ToDictionary(n => n.GetProperty("kind").GetString()!, n => n.GetProperty("usedBytes").GetInt64());
        Assert.Equal(big.Length + "day one".Length, usedByNamespace["shared"]);
        Assert.Equal("stays".Length, usedByNamespace["root"]);
    }

    [Fact]
    public async Task AFileMovedBack_ToTheRoot_KeepsItsBytes_AndTheSharedFolderChanges()
    {
        var (root, shared, sharedId) = await AliceAsync();
        var content = TestBytes.Random(50_000, 2);
        await shared.PutAsync("report.pdf", content);
        var cursor = (await shared.JsonAsync(HttpMethod.Get, "changes/latest")).GetProperty("cursor").GetInt64();

        var moved = await shared.JsonAsync(HttpMethod.Post, "files/move", new { from = "report.pdf", to = "Report.pdf", toNamespace = "root" });

        Assert.Equal("Report.pdf", StorageClient.PathOf(moved));
        Assert.Equal(content, await root.GetAsync("Report.pdf"));
        var changes = await shared.JsonAsync(HttpMethod.Get, $"changes?cursor={cursor}");
        Assert.True(Assert.Single(changes.GetProperty("entries").EnumerateArray()).GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task ARefusedMove_ChangesNeitherNamespace()
    {
        var (root, shared, sharedId) = await AliceAsync();
        var version = StorageClient.Version(await root.PutAsync("a.txt", Encoding.UTF8.GetBytes("a")));
        await shared.PutAsync("a.txt", Encoding.UTF8.GetBytes("taken"));
        await root.PutAsync("big.bin", TestBytes.Random(1_200_000, 3));
        await shared.PutAsync("filler.bin", TestBytes.Random(1_000_000, 4));
        var stranger = await SignedInClient.SignUpAsync(Factory.CreateClient());
        var strangers = (await stranger.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0].GetProperty("id").GetString();
        var reader = new StorageClient(stranger);

        using var taken = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "a.txt", to = "a.txt", toNamespace = sharedId });
        using var full = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "big.bin", to = "big.bin", toNamespace = sharedId });
        using var stale = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "a.txt", to = "b.txt", toNamespace = sharedId, parentVersion = version[..^1] + (version[^1] == '0' ? '1' : '0') });
        using var foreign = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "a.txt", to = "a.txt", toNamespace = strangers });
        using var unknown = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "a.txt", to = "a.txt", toNamespace = "no-such-namespace" });
        using var missing = await root.SendAsync(HttpMethod.Post, "files/move", new { from = "nothing", to = "x", toNamespace = sharedId });

        Assert.Equal("path-taken", (await StorageApiTests.ProblemAsync(taken, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("over-quota", (await StorageApiTests.ProblemAsync(full, HttpStatusCode.InsufficientStorage)).GetProperty("code").GetString());
        Assert.Equal("stale", (await StorageApiTests.ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("no-namespace", (await StorageApiTests.ProblemAsync(foreign, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("no-namespace", (await StorageApiTests.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("no-file", (await StorageApiTests.ProblemAsync(missing, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal(["a.txt", "big.bin"], Paths(await root.JsonAsync(HttpMethod.Get, "folder?recursive=true")));
        Assert.Equal(["a.txt", "filler.bin"], Paths(await shared.JsonAsync(HttpMethod.Get, "folder?recursive=true")));
        Assert.Equal("taken", Encoding.UTF8.GetString(await shared.GetAsync("a.txt")));
        Assert.Empty((await root.JsonAsync(HttpMethod.Get, "trash")).EnumerateArray());
        Assert.Empty((await reader.JsonAsync(HttpMethod.Get, "folder?recursive=true")).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task AMoveIntoAFolderSharedReadOnly_IsForbidden()
    {
        var (owner, _, sharedId) = await AliceAsync();
        var bobEmail = $"bob-{Guid.NewGuid():N}@example.com";
        var bob = new StorageClient(await SignedInClient.SignUpAsync(Factory.CreateClient(), bobEmail));
        await owner.User.JsonAsync(HttpMethod.Put, $"/api/storage/ns/{sharedId}/members", new { email = bobEmail, access = "read" });
        await bob.PutAsync("mine.txt", Encoding.UTF8.GetBytes("bob's"));

        using var refused = await bob.SendAsync(HttpMethod.Post, "files/move", new { from = "mine.txt", to = "mine.txt", toNamespace = sharedId });

        Assert.Equal("read-only", (await StorageApiTests.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal("bob's", Encoding.UTF8.GetString(await bob.GetAsync("mine.txt")));
    }
}

public sealed class EmbeddedNamespaceMoveTests() : NamespaceMoveTests([]);

public sealed class RealEnginesNamespaceMoveTests() : NamespaceMoveTests(RealEngineSettings.Postgres().WithRedis().WithS3());
