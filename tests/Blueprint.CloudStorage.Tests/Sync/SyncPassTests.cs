using Blueprint.CloudStorage.Client;
using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>How many passes a sync plans against the real server, watched through the planner.</summary>
public sealed class SyncPassTests(EmbeddedBlueprint factory) : IClassFixture<EmbeddedBlueprint>
{
    [Fact]
    public async Task A_sync_plans_until_a_pass_finds_nothing_and_an_idle_sync_plans_once()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "first notes");
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", await ApiKeys.CreateAsync(factory.CreateClient()));
        var planner = new RecordingPlanner();
        var engine = new SyncEngine(new DiskFileSystem(folder.Path), new HttpStorageRemote(http, "root", "laptop"), null, planner);

        var first = await engine.SyncAsync();
        var firstPlans = planner.Plans.ToList();
        planner.Plans.Clear();
        var idle = await engine.SyncAsync();

        Assert.True(first.Converged);
        Assert.Equal(2, firstPlans.Count); // the upload, then a pass that finds nothing
        Assert.IsType<Upload>(Assert.Single(firstPlans[0].Actions));
        Assert.Empty(firstPlans[1].Actions);
        Assert.True(idle.Converged);
        Assert.Empty(Assert.Single(planner.Plans).Actions);
        Assert.Equal(firstPlans[1].Cursor, engine.State.Cursor);
    }

    private sealed class RecordingPlanner : ISyncPlanner
    {
        private readonly SyncPlanner _inner = new();

        public List<SyncPlan> Plans { get; } = [];

        public SyncPlan Plan(SyncState mergeBase, RemoteView remote, LocalScan local)
        {
            var plan = _inner.Plan(mergeBase, remote, local);
            Plans.Add(plan);
            return plan;
        }
    }
}
