using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client;
using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// The three-way merge on its own: the plan for each combination of merge base, local file and
/// remote file, with no folder or server behind it.
/// </summary>
public sealed class SyncPlannerTests
{
    private static readonly BlockRef One = new(new string('1', 64), 10);
    private static readonly BlockRef Two = new(new string('2', 64), 10);

    private readonly SyncPlanner _planner = new();

    [Fact]
    public void Unchanged_on_both_sides_plans_nothing()
    {
        var plan = Plan(Base("a.txt", One), Local("a.txt", One), Remote());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void A_local_edit_is_uploaded_and_a_remote_edit_downloaded()
    {
        Assert.IsType<Upload>(Assert.Single(Plan(Base("a.txt", One), Local("a.txt", Two), Remote()).Actions));
        Assert.IsType<Download>(Assert.Single(Plan(Base("a.txt", One), Local("a.txt", One), Remote(Changed("a.txt", Two, "v2"))).Actions));
    }

    [Fact]
    public void Two_different_edits_upload_ours_as_a_conflict_that_leaves_the_remote_change()
    {
        var action = Assert.Single(Plan(Base("a.txt", One), Local("a.txt", Two), Remote(Changed("a.txt", Three(), "v2"))).Actions);

        var upload = Assert.IsType<Upload>(action);
        Assert.True(upload.Conflict);
        Assert.True(upload.LeavesRemoteChange);
    }

    [Fact]
    public void An_edit_beats_a_delete_on_either_side()
    {
        Assert.IsType<Upload>(Assert.Single(Plan(Base("a.txt", One), Local("a.txt", Two), Remote(Deleted("a.txt"))).Actions));
        Assert.IsType<Download>(Assert.Single(Plan(Base("a.txt", One), Local(), Remote(Changed("a.txt", Two, "v2"))).Actions));
    }

    [Fact]
    public void A_delete_on_one_side_is_carried_to_the_other_and_on_both_is_forgotten()
    {
        Assert.IsType<DeleteRemote>(Assert.Single(Plan(Base("a.txt", One), Local(), Remote()).Actions));
        Assert.IsType<DeleteLocal>(Assert.Single(Plan(Base("a.txt", One), Local("a.txt", One), Remote(Deleted("a.txt"))).Actions));
        Assert.IsType<Forget>(Assert.Single(Plan(Base("a.txt", One), Local(), Remote(Deleted("a.txt"))).Actions));
    }

    [Fact]
    public void The_same_content_on_both_sides_is_adopted_without_a_transfer()
    {
        var plan = Plan(Base(), Local("a.txt", Two), Remote(Changed("a.txt", Two, "v1", id: "new")));

        Assert.IsType<Adopt>(Assert.Single(plan.Actions));
    }

    [Fact]
    public void A_case_only_rename_here_renames_on_the_server()
    {
        var rename = Assert.IsType<RenameRemote>(Assert.Single(Plan(Base("a.txt", One), Local("A.txt", One), Remote()).Actions));

        Assert.Equal("A.txt", rename.Local.Path);
    }

    [Fact]
    public void Folders_are_deleted_last_and_deepest_first()
    {
        var mergeBase = Base("d", null, "d/e", null, "d/e/f.txt", One);
        var plan = Plan(mergeBase, Local(), Remote());

        Assert.Equal(["d/e/f.txt", "d/e", "d"], plan.Actions.Select(a => a.Describe().Path));
    }

    [Fact]
    public void A_file_touched_without_a_change_is_restamped_not_planned()
    {
        var mergeBase = Base("a.txt", One);
        var local = new LocalScan(
            new Dictionary<string, LocalState> { ["a.txt"] = Touched("a.txt", One, ticks: 99) },
            []);

        var plan = _planner.Plan(mergeBase, Remote(), local);

        Assert.Empty(plan.Actions);
        Assert.Equal(99, plan.Restamped["a.txt"].ModifiedTicks);
        Assert.Equal(7, mergeBase.Files["a.txt"].ModifiedTicks); // pure: the base it was given is unchanged
    }

    [Fact]
    public void The_plan_carries_the_remote_cursor_and_the_scan_s_skipped_files()
    {
        var skipped = new SyncAction("skip", "bad\u0001name", "not syncable");
        var plan = _planner.Plan(Base(), RemoteView.Of(new SyncState(), new RemoteChanges([], 42, Reset: false)), new LocalScan(new Dictionary<string, LocalState>(), [skipped]));

        Assert.Equal(42, plan.Cursor);
        Assert.Equal(skipped, Assert.Single(plan.Skipped));
    }

    private static BlockRef Three() => new(new string('3', 64), 10);

    private SyncPlan Plan(SyncState mergeBase, LocalScan local, RemoteChanges changes) =>
        _planner.Plan(mergeBase, RemoteView.Of(mergeBase, changes), local);

    private SyncPlan Plan(SyncState mergeBase, LocalScan local, RemoteView remote) => _planner.Plan(mergeBase, remote, local);

    private static RemoteView Remote() => RemoteView.Of(new SyncState(), new RemoteChanges([], 1, Reset: false));

    private static RemoteChanges Remote(params RemoteFile[] entries) => new(entries, 2, Reset: false);

    // A base of (path, block-or-null-for-a-folder) pairs; every file is version v1 with id "id-<path>".
    private static SyncState Base(params object?[] entries)
    {
        var state = new SyncState();
        for (var i = 0; i < entries.Length; i += 2)
        {
            var path = (string)entries[i]!;
            state.Files[SyncPath.KeyOf(path)] = entries[i + 1] is BlockRef block
                ? new SyncedFile(path, "id-" + path, "v1", ContentHash.Of([block]), block.Length, 7)
                : new SyncedFile(path, "id-" + path, "v1", "", 0, 0, Folder: true);
        }

        return state;
    }

    private static LocalScan Local(params object[] entries)
    {
        var files = new Dictionary<string, LocalState>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i += 2)
        {
            var (path, block) = ((string)entries[i], (BlockRef)entries[i + 1]);
            var blocks = FileBlocks.FromList([block]);
            files[SyncPath.KeyOf(path)] = new LocalState(new LocalFile(path, block.Length, 7, Settled: true), blocks.ContentHash, blocks);
        }

        return new LocalScan(files, []);
    }

    private static LocalState Touched(string path, BlockRef block, long ticks)
    {
        var blocks = FileBlocks.FromList([block]);
        return new LocalState(new LocalFile(path, block.Length, ticks, Settled: true), blocks.ContentHash, blocks);
    }

    private static RemoteFile Changed(string path, BlockRef block, string version, string? id = null) =>
        new(id ?? "id-" + path, path, version, block.Length, ContentHash.Of([block]), Deleted: false);

    private static RemoteFile Deleted(string path) => new("id-" + path, path, "v2", 0, "", Deleted: true);
}
