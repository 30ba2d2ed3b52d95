using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests;

/// <summary>Shared folders (read or read-write members) and download links, on the embedded engines and on PostgreSQL.</summary>
public abstract class SharingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly BlueprintFactory _factory;

    protected SharingTests(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Its fake clock runs only these modules' jobs, and moves hours, not the blocks' day of grace.
        settings["Blueprint:Modules"] = "identity,cloud-storage";
        _factory = new BlueprintFactory(settings, services => services.AddSingleton<TimeProvider>(_time));
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(SignedInClient User, string Email)> UserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        return (await SignedInClient.SignUpAsync(_factory.CreateClient(), email), email);
    }

    [Fact]
    public async Task ASharedFolder_IsReadByReaders_WrittenByWriters_AndInvisibleToOthers()
    {
        var (alice, _) = await UserAsync();
        var (bob, bobEmail) = await UserAsync();
        var (carol, _) = await UserAsync();
        var folder = await alice.JsonAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "Team" }, HttpStatusCode.Created);
        var ns = folder.GetProperty("id").GetString()!;
        var aliceIn = new StorageClient(alice, ns);
        await aliceIn.PutAsync("plan.txt", Encoding.UTF8.GetBytes("the plan"));

        await alice.JsonAsync(HttpMethod.Put, $"/api/storage/ns/{ns}/members", new { email = bobEmail, access = "read" });
        var bobIn = new StorageClient(bob, ns);
        var bobsView = await bob.JsonAsync(HttpMethod.Get, "/api/storage/namespaces");
        Assert.Equal("read", bobsView.EnumerateArray().Single(n => n.GetProperty("id").GetString() == ns).GetProperty("access").GetString());
        Assert.Equal("the plan", Encoding.UTF8.GetString(await bobIn.GetAsync("plan.txt")));
        using var refused = await bobIn.SendAsync(HttpMethod.Post, "files/commit", bobIn.Commit("bob.txt", []));
        Assert.Equal("read-only", (await StorageApiTests.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        using var refusedBlock = await bobIn.SendAsync(HttpMethod.Put, $"blocks/{Blueprint.BuildingBlocks.Sync.BlockSeal.HashOf([1])}", new ByteArrayContent([1]));
        await StorageApiTests.ProblemAsync(refusedBlock, HttpStatusCode.Forbidden);
        using var refusedUnnamed = await bobIn.SendAsync(HttpMethod.Post, "blocks/unnamed", new ByteArrayContent(new byte[Blueprint.BuildingBlocks.Sync.BlockFrames.ChecksummedHeaderLength]));
        await StorageApiTests.ProblemAsync(refusedUnnamed, HttpStatusCode.Forbidden);

        await alice.JsonAsync(HttpMethod.Put, $"/api/storage/ns/{ns}/members", new { email = bobEmail, access = "write" });
        await bobIn.PutAsync("bob.txt", Encoding.UTF8.GetBytes("from bob"));
        Assert.Equal("from bob", Encoding.UTF8.GetString(await aliceIn.GetAsync("bob.txt")));
        var members = await alice.JsonAsync(HttpMethod.Get, $"/api/storage/ns/{ns}/members");
        Assert.Equal(["owner", "write"], members.EnumerateArray().Select(m => m.GetProperty("access").GetString()));
        Assert.Equal(bobEmail, members[1].GetProperty("email").GetString());

        using var stranger = await new StorageClient(carol, ns).SendAsync(HttpMethod.Get, "folder");
        Assert.Equal("no-namespace", (await StorageApiTests.ProblemAsync(stranger, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        using var notOwner = await bobIn.SendAsync(HttpMethod.Put, "members", new { email = "x@example.com", access = "read" });
        await StorageApiTests.ProblemAsync(notOwner, HttpStatusCode.Forbidden);

        var bobId = members[1].GetProperty("userId").GetString();
        await bob.JsonAsync(HttpMethod.Delete, $"/api/storage/ns/{ns}/members/{bobId}", expected: HttpStatusCode.NoContent);
        using var left = await bobIn.SendAsync(HttpMethod.Get, "folder");
        await StorageApiTests.ProblemAsync(left, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARoot_CannotBeShared_AndUnknownUsersAndAccessAreRefused()
    {
        var (alice, _) = await UserAsync();
        var (_, bobEmail) = await UserAsync();
        var root = new StorageClient(alice);
        var ns = (await alice.JsonAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "Shared" }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var shared = new StorageClient(alice, ns);

        using var rootShare = await root.SendAsync(HttpMethod.Put, "members", new { email = bobEmail, access = "read" });
        using var nobody = await shared.SendAsync(HttpMethod.Put, "members", new { email = "nobody@example.com", access = "read" });
        using var badAccess = await shared.SendAsync(HttpMethod.Put, "members", new { email = bobEmail, access = "admin" });
        using var badName = await alice.SendAsync(HttpMethod.Post, "/api/storage/namespaces", new { name = "" });

        Assert.Equal("not-shared", (await StorageApiTests.ProblemAsync(rootShare, (HttpStatusCode)422)).GetProperty("code").GetString());
        Assert.Equal("no-user", (await StorageApiTests.ProblemAsync(nobody, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        await StorageApiTests.ProblemAsync(badAccess, HttpStatusCode.BadRequest);
        await StorageApiTests.ProblemAsync(badName, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ADownloadLink_OpensWithoutSignIn_IsRecorded_ExpiresAndCanBeRevoked()
    {
        var (alice, aliceEmail) = await UserAsync();
        var files = new StorageClient(alice);
        await files.PutAsync("report.pdf", Encoding.UTF8.GetBytes("quarterly report"));
        var link = await files.JsonAsync(HttpMethod.Post, "links", new { path = "report.pdf", expiresAt = _time.GetUtcNow().AddHours(1) }, HttpStatusCode.Created);
        var url = new Uri(link.GetProperty("url").GetString()!);
        var anonymous = _factory.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("curl/8.0");

        Assert.Equal("quarterly report", await anonymous.GetStringAsync(new Uri(url.PathAndQuery, UriKind.Relative)));
        var history = await files.JsonAsync(HttpMethod.Get, "history?path=report.pdf");
        var entry = history.GetProperty("entries")[0];
        Assert.Equal("link-download", entry.GetProperty("action").GetString());
        Assert.Contains(link.GetProperty("id").GetString()!, entry.GetProperty("client").GetString(), StringComparison.Ordinal);
        Assert.Contains("curl/8.0", entry.GetProperty("client").GetString(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(2));
        using var expired = await anonymous.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        Assert.Equal("link-expired", (await StorageApiTests.ProblemAsync(expired, HttpStatusCode.Gone)).GetProperty("code").GetString());

        alice = await SignedInClient.LogInAsync(_factory.CreateClient(), aliceEmail); // the clock moved past the token's lifetime
        files = new StorageClient(alice);
        var lasting = await files.JsonAsync(HttpMethod.Post, "links", new { path = "report.pdf" }, HttpStatusCode.Created);
        await files.JsonAsync(HttpMethod.Delete, $"links/{lasting.GetProperty("id").GetString()}", expected: HttpStatusCode.NoContent);
        using var revoked = await anonymous.GetAsync(new Uri(new Uri(lasting.GetProperty("url").GetString()!).PathAndQuery, UriKind.Relative));
        await StorageApiTests.ProblemAsync(revoked, HttpStatusCode.NotFound);
        using var forged = await anonymous.GetAsync(new Uri("/api/storage/links/not-a-token", UriKind.Relative));
        await StorageApiTests.ProblemAsync(forged, HttpStatusCode.NotFound);
        using var past = await files.SendAsync(HttpMethod.Post, "links", new { path = "report.pdf", expiresAt = _time.GetUtcNow().AddHours(-1) });
        await StorageApiTests.ProblemAsync(past, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWholeFileUpload_IsCutLikeTheClientCutsIt_AndDedupesWithIt()
    {
        var (alice, _) = await UserAsync();
        var files = new StorageClient(alice);
        var content = new byte[300_000];
        new Random(5).NextBytes(content);
        using var body = new ByteArrayContent(content);

        var write = await files.JsonAsync(HttpMethod.Put, "files/content?path=photos/cat.jpg", body, HttpStatusCode.Created);

        Assert.Equal(Sync.SyncSimulation.Hash(content), write.GetProperty("file").GetProperty("contentHash").GetString());
        Assert.Equal(content, await files.GetAsync("photos/cat.jpg"));
        using var uploadAgain = new ByteArrayContent(content);
        var again = await files.JsonAsync(HttpMethod.Put, "files/content?path=photos/cat.jpg", uploadAgain);
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
    }
}

public sealed class EmbeddedSharingTests() : SharingTests([]);

public sealed class PostgresSharingTests() : SharingTests(RealEngineSettings.Postgres());
