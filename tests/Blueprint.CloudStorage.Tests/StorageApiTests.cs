using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Blueprint.CloudStorage.Tests;

/// <summary>The storage API over HTTP, on the embedded engines and on PostgreSQL + S3 + Redis: blocks, commits, versions, trash, moves, conflicts.</summary>
public abstract class StorageApiTests(Dictionary<string, string?> settings) : SmallQuotaTests(settings)
{
    private async Task<StorageClient> ClientAsync(string device = "laptop") => new(await SignedInClient.SignUpAsync(Factory.CreateClient()), device: device);

    [Fact]
    public async Task Upload_ThenDownload_GivesTheSameBytes_AndARangeGivesItsSlice()
    {
        var alice = await ClientAsync();
        var content = TestBytes.Random(100_000, 1);

        var write = await alice.PutAsync("docs/report.bin", content);

        Assert.Equal("committed", write.GetProperty("outcome").GetString());
        Assert.Equal(content, await alice.GetAsync("docs/report.bin"));
        var file = await alice.FileAsync("docs/report.bin");
        Assert.Equal(100_000, file.GetProperty("size").GetInt64());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(alice.Api("files/content?path=docs/report.bin"), UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(50_000, 60_999);
        using var range = await alice.User.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(content[50_000..61_000], await range.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnEmptyFile_IsAFileWithNoBlocks()
    {
        var alice = await ClientAsync();
        await alice.PutAsync("empty.txt", []);
        Assert.Empty(await alice.GetAsync("empty.txt"));
        Assert.Equal(0, (await alice.FileAsync("empty.txt")).GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task IdenticalBlocks_AreStoredOncePerNamespace_ButNotSharedWithAnotherNamespace()
    {
        var alice = await ClientAsync();
        var bob = await ClientAsync();
        var content = TestBytes.Random(60_000, 2);

        Assert.True(await alice.UploadBlocksAsync(content) > 5);
        await alice.JsonAsync(HttpMethod.Post, "files/commit", alice.Commit("a.bin", content), HttpStatusCode.Created);
        var again = await alice.UploadBlocksAsync(content);
        await alice.JsonAsync(HttpMethod.Post, "files/commit", alice.Commit("copy of a.bin", content), HttpStatusCode.Created);
        var bobs = await bob.UploadBlocksAsync(content);

        Assert.Equal(0, again);
        Assert.Equal(alice.Blocks(content).Select(b => b.Hash).Distinct().Count(), bobs);
    }

    [Fact]
    public async Task ABlockWhoseBytesDoNotMatchItsHash_IsRefused_AndNothingIsStored()
    {
        var alice = await ClientAsync();
        var hash = new string('a', 64);

        using var response = await alice.SendAsync(HttpMethod.Put, $"blocks/{hash}", new ByteArrayContent(Encoding.UTF8.GetBytes("not those bytes")));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("hash-mismatch", problem.GetProperty("code").GetString());
        var missing = await alice.JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = new[] { hash } });
        Assert.Equal(hash, missing.GetProperty("missing")[0].GetString());
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AMalformedBlockName_IsRefused(string hash)
    {
        var alice = await ClientAsync();
        using var response = await alice.SendAsync(HttpMethod.Put, $"blocks/{hash}", new ByteArrayContent([1, 2, 3]));
        Assert.Equal("invalid", (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ABlockOverTheLimit_IsRefusedAs413()
    {
        var alice = await ClientAsync();
        var big = TestBytes.Random(8 * 1024 * 1024 + 1, 3);
        using var response = await alice.SendAsync(HttpMethod.Put, $"blocks/{Blueprint.BuildingBlocks.Sync.BlockSeal.HashOf(big)}", new ByteArrayContent(big));
        Assert.Equal("block-too-large", (await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ACommitNamingBlocksNeverUploaded_IsRefusedWithTheMissingOnes_AndNoFileAppears()
    {
        var alice = await ClientAsync();
        var content = TestBytes.Random(30_000, 4);
        var blocks = alice.Blocks(content);
        var first = blocks[0];
        using (await alice.SendAsync(HttpMethod.Put, $"blocks/{first.Hash}", new ByteArrayContent(first.Bytes)))
        {
        }

        using var response = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit("partial.bin", content));

        var problem = await ProblemAsync(response, (HttpStatusCode)422);
        Assert.Equal("missing-blocks", problem.GetProperty("code").GetString());
        Assert.Equal(blocks.Skip(1).Select(b => b.Hash).Distinct().Order(), problem.GetProperty("missing").EnumerateArray().Select(h => h.GetString()).Order());
        await alice.FileAsync("partial.bin", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACommitAgainstAStaleParent_IsRefused_OrKeptAsAConflictedCopy()
    {
        var laptop = await ClientAsync("laptop");
        var phone = new StorageClient(laptop.User, device: "phone");
        var v1 = StorageClient.Version(await laptop.PutAsync("notes.txt", Encoding.UTF8.GetBytes("one")));
        await laptop.PutAsync("notes.txt", Encoding.UTF8.GetBytes("two from laptop"), parent: v1);

        await phone.UploadBlocksAsync(Encoding.UTF8.GetBytes("two from phone"));
        using var stale = await phone.SendAsync(HttpMethod.Post, "files/commit", phone.Commit("notes.txt", Encoding.UTF8.GetBytes("two from phone"), v1));
        var problem = await ProblemAsync(stale, HttpStatusCode.Conflict);
        var copy = await phone.PutAsync("notes.txt", Encoding.UTF8.GetBytes("two from phone"), parent: v1, onConflict: "copy");

        Assert.Equal("stale", problem.GetProperty("code").GetString());
        Assert.Equal("two from laptop".Length, problem.GetProperty("current").GetProperty("size").GetInt64());
        Assert.Equal("conflicted-copy", copy.GetProperty("outcome").GetString());
        Assert.Matches(@"^notes \(conflicted copy phone \d{4}-\d{2}-\d{2}\)\.txt$", StorageClient.PathOf(copy));
        Assert.Equal("two from laptop", Encoding.UTF8.GetString(await laptop.GetAsync("notes.txt")));
        Assert.Equal("two from phone", Encoding.UTF8.GetString(await laptop.GetAsync(StorageClient.PathOf(copy))));
    }

    [Fact]
    public async Task TwoClientsEditingOneFileAtOnce_GiveOneWinnerAndOneConflictedCopy_NothingLost()
    {
        var one = await ClientAsync("one");
        var two = new StorageClient(one.User, device: "two");
        var v1 = StorageClient.Version(await one.PutAsync("shared.txt", Encoding.UTF8.GetBytes("base")));
        var edits = new[] { (one, "edit by one"), (two, "edit by two") };
        foreach (var (client, text) in edits)
        {
            await client.UploadBlocksAsync(Encoding.UTF8.GetBytes(text));
        }

        var writes = await Task.WhenAll(edits.Select(e => e.Item1.JsonAsync(HttpMethod.Post, "files/commit", e.Item1.Commit("shared.txt", Encoding.UTF8.GetBytes(e.Item2), v1, "copy"), HttpStatusCode.Created)));

        Assert.Equal(["committed", "conflicted-copy"], writes.Select(w => w.GetProperty("outcome").GetString()).Order());
        var listing = await one.JsonAsync(HttpMethod.Get, "folder");
        var texts = new List<string>();
        foreach (var file in listing.GetProperty("files").EnumerateArray())
        {
            texts.Add(Encoding.UTF8.GetString(await one.GetAsync(file.GetProperty("path").GetString()!)));
        }

        Assert.Equal(["edit by one", "edit by two"], texts.Order());
    }

    [Fact]
    public async Task ARetriedCommit_IsRecognizedAsDone()
    {
        var alice = await ClientAsync();
        var v1 = StorageClient.Version(await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("one")));
        var first = await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("two"), parent: v1);

        var retry = await alice.JsonAsync(HttpMethod.Post, "files/commit", alice.Commit("a.txt", Encoding.UTF8.GetBytes("two"), v1));

        Assert.Equal("unchanged", retry.GetProperty("outcome").GetString());
        Assert.Equal(StorageClient.Version(first), StorageClient.Version(retry));
    }

    [Fact]
    public async Task AnEditBeatsAConcurrentDelete_AndADeleteOfAChangedFileIsRefused()
    {
        var alice = await ClientAsync();
        var v1 = StorageClient.Version(await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("one")));
        await alice.JsonAsync(HttpMethod.Delete, $"files?path=a.txt&parentVersion={v1}");

        var revived = await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("edited offline"), parent: v1);
        var v3 = StorageClient.Version(revived);
        await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("edited again"), parent: v3);
        using var staleDelete = await alice.SendAsync(HttpMethod.Delete, $"files?path=a.txt&parentVersion={v3}");

        Assert.Equal("committed", revived.GetProperty("outcome").GetString());
        Assert.Equal("a.txt", StorageClient.PathOf(revived));
        Assert.Equal("stale", (await ProblemAsync(staleDelete, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("edited again", Encoding.UTF8.GetString(await alice.GetAsync("a.txt")));
        var versions = await alice.JsonAsync(HttpMethod.Get, "files/versions?path=a.txt");
        Assert.Equal(["edit", "edit", "delete", "edit"], versions.EnumerateArray().Select(v => v.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Versions_CanBeListedAndRestored()
    {
        var alice = await ClientAsync();
        var v1 = StorageClient.Version(await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("first")));
        var v2 = StorageClient.Version(await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("second"), parent: v1));

        var restored = await alice.JsonAsync(HttpMethod.Post, "files/restore", new { path = "a.txt", version = v1 });
        using var deleteVersion = await alice.SendAsync(HttpMethod.Post, "files/restore", new { path = "a.txt", version = "no-such-version" });

        Assert.Equal(3, restored.GetProperty("file").GetProperty("number").GetInt64());
        Assert.Equal("first", Encoding.UTF8.GetString(await alice.GetAsync("a.txt")));
        var versions = (await alice.JsonAsync(HttpMethod.Get, "files/versions?path=a.txt")).EnumerateArray().ToList();
        Assert.Equal(["restore", "edit", "edit"], versions.Select(v => v.GetProperty("kind").GetString()));
        Assert.Equal(v2, versions[1].GetProperty("id").GetString());
        await ProblemAsync(deleteVersion, HttpStatusCode.NotFound);
        using var old = await alice.SendAsync(HttpMethod.Get, $"files/content?version={v2}");
        Assert.Equal("second", await old.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADeletedFile_GoesToTheTrash_AndComesBack_UnlessItsPathIsTaken()
    {
        var alice = await ClientAsync();
        var first = await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("original"));
        var fileId = first.GetProperty("file").GetProperty("id").GetString()!;
        await alice.JsonAsync(HttpMethod.Delete, "files?path=a.txt");
        await alice.FileAsync("a.txt", HttpStatusCode.NotFound);
        var trash = await alice.JsonAsync(HttpMethod.Get, "trash");
        Assert.Equal(fileId, trash[0].GetProperty("id").GetString());

        await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("a newcomer"));
        using var taken = await alice.SendAsync(HttpMethod.Post, $"trash/{fileId}/undelete");
        Assert.Equal("path-taken", (await ProblemAsync(taken, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "a.txt", to = "b.txt" });
        await alice.JsonAsync(HttpMethod.Post, $"trash/{fileId}/undelete");

        Assert.Equal("original", Encoding.UTF8.GetString(await alice.GetAsync("a.txt")));
        Assert.Equal("a newcomer", Encoding.UTF8.GetString(await alice.GetAsync("b.txt")));
    }

    [Fact]
    public async Task Moves_RenameFilesAndFolders_CaseOnlyIncluded_AndRefuseTakenPathsAndLoops()
    {
        var alice = await ClientAsync();
        await alice.PutAsync("docs/a.txt", Encoding.UTF8.GetBytes("a"));
        await alice.PutAsync("docs/sub/b.txt", Encoding.UTF8.GetBytes("b"));
        await alice.PutAsync("other.txt", Encoding.UTF8.GetBytes("o"));

        var folderMove = await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "docs", to = "archive/2026" });
        var caseOnly = await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "other.txt", to = "Other.txt" });
        using var taken = await alice.SendAsync(HttpMethod.Post, "files/move", new { from = "Other.txt", to = "archive/2026/a.txt" });
        using var loop = await alice.SendAsync(HttpMethod.Post, "files/move", new { from = "archive", to = "archive/inner" });
        using var missing = await alice.SendAsync(HttpMethod.Post, "files/move", new { from = "nothing-here", to = "x" });

        Assert.Equal(2, folderMove.GetProperty("files").GetArrayLength());
        Assert.Equal("b", Encoding.UTF8.GetString(await alice.GetAsync("archive/2026/sub/b.txt")));
        Assert.Equal("Other.txt", StorageClient.PathOf(caseOnly));
        Assert.Equal("path-taken", (await ProblemAsync(taken, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("refused", (await ProblemAsync(loop, (HttpStatusCode)422)).GetProperty("code").GetString());
        await ProblemAsync(missing, HttpStatusCode.NotFound);
        var root = await alice.JsonAsync(HttpMethod.Get, "folder");
        Assert.Equal(["archive"], root.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["Other.txt"], root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var all = await alice.JsonAsync(HttpMethod.Get, "folder?path=archive&recursive=true");
        Assert.Equal(["archive/2026/a.txt", "archive/2026/sub/b.txt"], all.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task APathCannotBeAFileAndAFolderAtOnce()
    {
        var alice = await ClientAsync();
        await alice.PutAsync("a", Encoding.UTF8.GetBytes("file a"));
        await alice.PutAsync("dir/b.txt", Encoding.UTF8.GetBytes("b"));

        await alice.UploadBlocksAsync(Encoding.UTF8.GetBytes("x"));
        using var underFile = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit("a/b.txt", Encoding.UTF8.GetBytes("x")));
        using var overFolder = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit("dir", Encoding.UTF8.GetBytes("x")));

        Assert.Equal("path-taken", (await ProblemAsync(underFile, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("path-taken", (await ProblemAsync(overFolder, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AFolderMadeInItsOwnRight_IsListedWhileEmpty_AndHoldsNoContent()
    {
        var alice = await ClientAsync();
        var made = await alice.JsonAsync(HttpMethod.Post, "folders", new { path = "Projects/2027" }, HttpStatusCode.Created);
        var again = await alice.JsonAsync(HttpMethod.Post, "folders", new { path = "projects/2027" });
        await alice.PutAsync("notes.txt", Encoding.UTF8.GetBytes("n"));
        using var overFile = await alice.SendAsync(HttpMethod.Post, "folders", new { path = "notes.txt/inner" });
        using var asFile = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit("Projects/2027", Encoding.UTF8.GetBytes("n")));
        using var content = await alice.SendAsync(HttpMethod.Get, "files/content?path=Projects/2027");
        using var link = await alice.SendAsync(HttpMethod.Post, "links", new { path = "Projects/2027" });
        using var badName = await alice.SendAsync(HttpMethod.Post, "folders", new { path = "../up" });

        Assert.True(made.GetProperty("file").GetProperty("folder").GetBoolean());
        Assert.Equal("", made.GetProperty("file").GetProperty("contentHash").GetString());
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        Assert.Equal("path-taken", (await ProblemAsync(overFile, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("path-taken", (await ProblemAsync(asFile, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("is-folder", (await ProblemAsync(content, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("is-folder", (await ProblemAsync(link, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await ProblemAsync(badName, HttpStatusCode.BadRequest);
        var root = await alice.JsonAsync(HttpMethod.Get, "folder");
        Assert.Equal(["Projects"], root.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["notes.txt"], root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var all = await alice.JsonAsync(HttpMethod.Get, "folder?recursive=true");
        Assert.Equal(["Projects", "Projects/2027"], all.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        var changes = await alice.JsonAsync(HttpMethod.Get, "changes?cursor=0");
        Assert.Contains(changes.GetProperty("entries").EnumerateArray(), e => e.GetProperty("path").GetString() == "Projects/2027" && e.GetProperty("folder").GetBoolean());
    }

    [Fact]
    public async Task AFolderDeletedAgainstItsVersion_MustBeEmpty_AndARenameInCaseRenamesItAlone()
    {
        var alice = await ClientAsync();
        var folder = StorageClient.Version(await alice.JsonAsync(HttpMethod.Post, "folders", new { path = "box" }, HttpStatusCode.Created));
        await alice.PutAsync("box/inside.txt", Encoding.UTF8.GetBytes("i"));

        using var notEmpty = await alice.SendAsync(HttpMethod.Delete, $"files?path=box&parentVersion={folder}");
        var renamed = await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "box", to = "Box", parentVersion = folder });

        Assert.Equal("stale", (await ProblemAsync(notEmpty, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal(["Box"], renamed.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal("i", Encoding.UTF8.GetString(await alice.GetAsync("box/inside.txt")));
        Assert.Equal("box/inside.txt", (await alice.FileAsync("box/inside.txt")).GetProperty("path").GetString());

        var emptied = await alice.JsonAsync(HttpMethod.Delete, "files?path=box/inside.txt");
        var deleted = await alice.JsonAsync(HttpMethod.Delete, $"files?path=Box&parentVersion={StorageClient.Version(renamed)}");
        Assert.Equal("committed", deleted.GetProperty("outcome").GetString());
        Assert.Empty((await alice.JsonAsync(HttpMethod.Get, "folder")).GetProperty("folders").EnumerateArray());

        var trashed = (await alice.JsonAsync(HttpMethod.Get, "trash")).EnumerateArray().Single(f => f.GetProperty("folder").GetBoolean());
        await alice.JsonAsync(HttpMethod.Post, $"trash/{trashed.GetProperty("id").GetString()}/undelete");
        Assert.Equal(["Box"], (await alice.JsonAsync(HttpMethod.Get, "folder")).GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("box/inside.txt", StorageClient.PathOf(emptied));
    }

    [Fact]
    public async Task AFolderDeletedOrMovedWithoutAVersion_TakesEverythingInIt()
    {
        var alice = await ClientAsync();
        await alice.JsonAsync(HttpMethod.Post, "folders", new { path = "trip/empty" }, HttpStatusCode.Created);
        await alice.PutAsync("trip/photo.jpg", Encoding.UTF8.GetBytes("p"));

        var moved = await alice.JsonAsync(HttpMethod.Post, "files/move", new { from = "trip", to = "2026/trip" });
        var all = await alice.JsonAsync(HttpMethod.Get, "folder?recursive=true");
        Assert.Equal(["2026", "2026/trip", "2026/trip/empty"], all.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, moved.GetProperty("files").GetArrayLength());

        var deleted = await alice.JsonAsync(HttpMethod.Delete, "files?path=2026");
        Assert.Equal(2, deleted.GetProperty("files").GetArrayLength());
        var after = await alice.JsonAsync(HttpMethod.Get, "folder?recursive=true");
        Assert.Empty(after.GetProperty("folders").EnumerateArray());
        Assert.Empty(after.GetProperty("files").EnumerateArray());
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("dir/")]
    [InlineData("nul\0byte")]
    [InlineData("back\\slash")]
    [InlineData("trailing. ")]
    [InlineData("")]
    [InlineData(".blueprint-sync/state.json")]
    [InlineData("docs/.Blueprint-Sync")]
    public async Task MalformedPaths_AreRefusedWithAReason(string path)
    {
        var alice = await ClientAsync();
        await alice.UploadBlocksAsync([1]);
        using var response = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit(path, [1]));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("bad-path", problem.GetProperty("code").GetString());
        Assert.Empty((await alice.JsonAsync(HttpMethod.Get, "folder?recursive=true")).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task VeryLongNames_AreRefused_AndAnAbsolutePathStaysInsideTheNamespace()
    {
        var alice = await ClientAsync();
        await alice.UploadBlocksAsync([1]);
        using var longName = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit(new string('é', 200), [1]));
        Assert.Contains("255 bytes", (await ProblemAsync(longName, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var absolute = await alice.PutAsync("/etc/passwd", [1]);
        Assert.Equal("etc/passwd", StorageClient.PathOf(absolute));
    }

    [Fact]
    public async Task NamesInEitherUnicodeFormOrAnyCase_AreOneFile()
    {
        var alice = await ClientAsync();
        var nfc = "caf\u00e9.txt";
        var nfd = "cafe\u0301.txt";
        var v1 = StorageClient.Version(await alice.PutAsync(nfd, Encoding.UTF8.GetBytes("one")));

        var second = await alice.PutAsync("CAF\u00c9.TXT", Encoding.UTF8.GetBytes("two"), parent: v1);

        Assert.Equal(nfc.ToUpperInvariant(), StorageClient.PathOf(second));
        Assert.Equal(2, second.GetProperty("file").GetProperty("number").GetInt64());
        Assert.Equal("two", Encoding.UTF8.GetString(await alice.GetAsync(nfc)));
        Assert.Single((await alice.JsonAsync(HttpMethod.Get, "folder")).GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task OverQuota_CommitsAndBlocksAreRefused_AndNothingIsHalfWritten()
    {
        var alice = await ClientAsync();
        await alice.PutAsync("big.bin", TestBytes.Random(1_500_000, 5));
        var next = TestBytes.Random(600_000, 6);
        await alice.UploadBlocksAsync(next);

        using var response = await alice.SendAsync(HttpMethod.Post, "files/commit", alice.Commit("more.bin", next));

        Assert.Equal("over-quota", (await ProblemAsync(response, HttpStatusCode.InsufficientStorage)).GetProperty("code").GetString());
        await alice.FileAsync("more.bin", HttpStatusCode.NotFound);
        var ns = (await alice.User.JsonAsync(HttpMethod.Get, "/api/storage/namespaces"))[0];
        Assert.Equal(1_500_000, ns.GetProperty("usedBytes").GetInt64());

        await alice.PutAsync("filler.bin", TestBytes.Random(500_000, 7));
        var block = TestBytes.Random(4000, 8);
        using var full = await alice.SendAsync(HttpMethod.Put, $"blocks/{Blueprint.BuildingBlocks.Sync.BlockSeal.HashOf(block)}", new ByteArrayContent(block));
        Assert.Equal("over-quota", (await ProblemAsync(full, HttpStatusCode.InsufficientStorage)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Changes_ListEachChangedFileOnceAfterTheCursor_DeletionsIncluded()
    {
        var alice = await ClientAsync();
        await alice.PutAsync("a.txt", Encoding.UTF8.GetBytes("a"));
        var v1 = StorageClient.Version(await alice.PutAsync("b.txt", Encoding.UTF8.GetBytes("b")));
        var all = await alice.JsonAsync(HttpMethod.Get, "changes?cursor=0");
        var cursor = all.GetProperty("cursor").GetInt64();

        await alice.PutAsync("b.txt", Encoding.UTF8.GetBytes("b2"), parent: v1);
        var v2 = (await alice.JsonAsync(HttpMethod.Post, "files/update", new { path = "b.txt" })).GetProperty("version").GetString();
        await alice.PutAsync("b.txt", Encoding.UTF8.GetBytes("b3"), parent: v2);
        await alice.JsonAsync(HttpMethod.Delete, "files?path=a.txt");
        var since = await alice.JsonAsync(HttpMethod.Get, $"changes?cursor={cursor}");

        Assert.Equal(["a.txt", "b.txt"], all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        var entries = since.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["b.txt", "a.txt"], entries.Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(3, entries[0].GetProperty("number").GetInt64());
        Assert.True(entries[1].GetProperty("deleted").GetBoolean());
        Assert.Empty((await alice.JsonAsync(HttpMethod.Get, $"changes?cursor={since.GetProperty("cursor").GetInt64()}")).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task ChangesPage_ByLimit_WithoutLosingAny()
    {
        var alice = await ClientAsync();
        for (var i = 0; i < 7; i++)
        {
            await alice.PutAsync($"f{i}.txt", Encoding.UTF8.GetBytes($"file {i}"));
        }

        var seen = new List<string>();
        long cursor = 0;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await alice.JsonAsync(HttpMethod.Get, $"changes?cursor={cursor}&limit=3");
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()!));
            cursor = page.GetProperty("cursor").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"f{i}.txt"), seen);
    }

    [Fact]
    public async Task RequestUpdate_SaysWhichBlocksTheClientLacks()
    {
        var alice = await ClientAsync();
        var content = TestBytes.Random(40_000, 9);
        await alice.PutAsync("a.bin", content);
        var blocks = alice.Blocks(content);

        var update = await alice.JsonAsync(HttpMethod.Post, "files/update", new { path = "a.bin", have = blocks.Skip(1).Select(b => b.Hash).ToArray() });

        Assert.Equal(blocks.Select(b => b.Hash), update.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("hash").GetString()));
        Assert.Equal([blocks[0].Hash], update.GetProperty("missing").EnumerateArray().Select(h => h.GetString()));
        using var block = await alice.SendAsync(HttpMethod.Get, $"blocks/{blocks[0].Hash}");
        Assert.Equal(blocks[0].Bytes, await block.Content.ReadAsByteArrayAsync());
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class EmbeddedStorageApiTests() : StorageApiTests([]);

public sealed class RealEnginesStorageApiTests() : StorageApiTests(RealEngineSettings.Postgres().WithRedis().WithS3());
