using System.Net;
using System.Text;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Tests;

/// <summary>Nobody sees or touches another tenant's files or blocks: every endpoint, asked by a stranger about someone's namespace, answers as if it did not exist.</summary>
public sealed class TenancyTests(EmbeddedBlueprint factory) : IClassFixture<EmbeddedBlueprint>
{
    [Fact]
    public async Task EveryEndpoint_OfAnotherUsersNamespace_Answers404_AndChangesNothing()
    {
        var alice = new StorageClient(await SignedInClient.SignUpAsync(factory.CreateClient()));
        var content = Encoding.UTF8.GetBytes("alice's secret");
        var write = await alice.PutAsync("secret.txt", content);
        var fileId = write.GetProperty("file").GetProperty("id").GetString();
        var version = StorageClient.Version(write);
        var hash = alice.Blocks(content)[0].Hash;
        var aliceNs = (await alice.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0].GetProperty("id").GetString()!;
        var mallory = new StorageClient(await SignedInClient.SignUpAsync(factory.CreateClient()), aliceNs);
        var requests = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, "blocks/compare", new { hashes = new[] { hash } }),
            (HttpMethod.Put, $"blocks/{hash}", new ByteArrayContent(content)),
            (HttpMethod.Get, $"blocks/{hash}", null),
            (HttpMethod.Post, "blocks/batch", new ByteArrayContent(Framed(hash, content))),
            (HttpMethod.Post, "blocks/unnamed", new ByteArrayContent(FramedUnnamed(content))),
            (HttpMethod.Post, "files/commit", alice.Commit("secret.txt", Encoding.UTF8.GetBytes("overwritten"), version)),
            (HttpMethod.Get, "files?path=secret.txt", null),
            (HttpMethod.Get, "files/content?path=secret.txt", null),
            (HttpMethod.Get, $"files/content?version={version}", null),
            (HttpMethod.Get, "files/blocks?path=secret.txt", null),
            (HttpMethod.Post, "files/update", new { path = "secret.txt" }),
            (HttpMethod.Get, "files/versions?path=secret.txt", null),
            (HttpMethod.Get, $"files/versions?fileId={fileId}", null),
            (HttpMethod.Post, "files/restore", new { path = "secret.txt", version }),
            (HttpMethod.Delete, "files?path=secret.txt", null),
            (HttpMethod.Post, "files/move", new { from = "secret.txt", to = "mine.txt" }),
            (HttpMethod.Get, "folder?recursive=true", null),
            (HttpMethod.Post, "folders", new { path = "planted" }),
            (HttpMethod.Get, "trash", null),
            (HttpMethod.Post, $"trash/{fileId}/undelete", null),
            (HttpMethod.Get, "changes?cursor=0", null),
            (HttpMethod.Get, "changes/latest", null),
            (HttpMethod.Get, "changes/poll?cursor=0&timeout=1", null),
            (HttpMethod.Get, "changes/stream", null),
            (HttpMethod.Get, "history", null),
            (HttpMethod.Get, "history/verify", null),
        };

        foreach (var (method, path, body) in requests)
        {
            using var response = await mallory.SendAsync(method, path, body);
            var problem = await StorageApiTests.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("no-namespace", problem.GetProperty("code").GetString());
        }

        Assert.Equal(content, await alice.GetAsync("secret.txt"));
        var history = await alice.JsonAsync(HttpMethod.Get, "history");
        Assert.Equal(["download", "upload"], history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    private static byte[] Framed(string hash, byte[] block)
    {
        using var body = new MemoryStream();
        BlockFrames.WriteAsync(body, hash, block).GetAwaiter().GetResult();
        return body.ToArray();
    }

    private static byte[] FramedUnnamed(byte[] block)
    {
        using var body = new MemoryStream();
        BlockFrames.WriteChecksummedAsync(body, BlockFrames.Checksum(block), block).GetAwaiter().GetResult();
        return body.ToArray();
    }

    [Fact]
    public async Task TheSameVersionId_FromAnotherNamespace_IsNotFound()
    {
        var alice = new StorageClient(await SignedInClient.SignUpAsync(factory.CreateClient()));
        var bob = new StorageClient(await SignedInClient.SignUpAsync(factory.CreateClient()));
        var version = StorageClient.Version(await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("alice")));
        await bob.PutAsync("b.txt", Encoding.UTF8.GetBytes("bob"));

        using var download = await bob.SendAsync(HttpMethod.Get, $"files/content?version={version}");
        using var restore = await bob.SendAsync(HttpMethod.Post, "files/restore", new { path = "b.txt", version });
        await bob.UploadBlocksAsync(Encoding.UTF8.GetBytes("bob2"));
        var commit = await bob.JsonAsync(HttpMethod.Post, "files/commit", bob.Commit("a.txt", Encoding.UTF8.GetBytes("bob2"), version, "copy"), HttpStatusCode.Created);

        await StorageApiTests.ProblemAsync(download, HttpStatusCode.NotFound);
        await StorageApiTests.ProblemAsync(restore, HttpStatusCode.NotFound);
        Assert.Equal("conflicted-copy", commit.GetProperty("outcome").GetString());
        Assert.Equal("alice", Encoding.UTF8.GetString(await alice.GetAsync("a.txt")));
    }
}
