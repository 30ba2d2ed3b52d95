using Blueprint.CloudStorage.Client.Execution;
using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// Keeps a folder and a namespace in sync (003 §15). Each pass reads the remote changes since the
/// cursor and scans the folder (<see cref="FolderScanner"/>), decides every path with a three-way
/// merge (<see cref="SyncPlanner"/>), and carries the plan out (<see cref="ActionExecutor"/>, which
/// sends files through the <see cref="Uploader"/> and brings them through the <see cref="Downloader"/>).
/// Every action saves the state, so a client killed at any point restarts, re-plans and converges;
/// every write to the folder is atomic. Runs against <see cref="ISyncFileSystem"/> and
/// <see cref="IStorageRemote"/> (whose stamps and failures the simulation drives deterministically);
/// a file's stamp is trusted only when the file system says it is settled (<see cref="LocalFile.Settled"/>),
/// by its own clock.
/// </summary>
public sealed class SyncEngine
{
    /// <summary>Passes per sync before giving up on converging (each pass settles what the last one started).</summary>
    public const int MaxPasses = 8;

    /// <summary>
    /// Tries a sync gives one action the folder refused (an I/O error): a second pass gets past a
    /// passing fault, and a full disk does not cost a download every pass.
    /// </summary>
    public const int MaxFolderRefusals = 2;

    /// <summary>A file at least this large, new here and unknown to the server under its name, is sent as it is read.</summary>
    public const long SendWhileReadingFrom = 8L << 20;

    private readonly ISyncFileSystem _fs;
    private readonly IStorageRemote _remote;
    private readonly IProgress<SyncProgress>? _progress;
    private readonly ISyncPlanner _planner;
    private SyncState _state;

    /// <param name="fs">The synced folder.</param>
    /// <param name="remote">The namespace on the server.</param>
    /// <param name="progress">Told of every transfer's progress.</param>
    public SyncEngine(ISyncFileSystem fs, IStorageRemote remote, IProgress<SyncProgress>? progress = null)
        : this(fs, remote, progress, new SyncPlanner())
    {
    }

    /// <summary>As the public constructor, with the planner that decides each pass (the tests watch the plans through it).</summary>
    /// <param name="fs">The synced folder.</param>
    /// <param name="remote">The namespace on the server.</param>
    /// <param name="progress">Told of every transfer's progress.</param>
    /// <param name="planner">Decides each pass.</param>
    internal SyncEngine(ISyncFileSystem fs, IStorageRemote remote, IProgress<SyncProgress>? progress, ISyncPlanner planner)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(planner);
        (_fs, _remote, _progress, _planner) = (fs, remote, progress, planner);
        _state = SyncState.Load(fs);
    }

    /// <summary>The merge base as it stands.</summary>
    public SyncState State => _state;

    /// <summary>
    /// Syncs until a pass finds nothing to do (converged) or <see cref="MaxPasses"/> run out. A dry run
    /// plans one pass and reports it without changing anything here or on the server.
    /// </summary>
    /// <exception cref="RemoteUnavailableException">The server could not be reached; what was done so far is saved.</exception>
    public async Task<SyncReport> SyncAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (!dryRun)
        {
            _fs.CleanUp();
        }

        _state = SyncState.Load(_fs);
        var session = new SyncSession(_fs, _remote, _progress, _state);
        var executor = new ActionExecutor(session, new Uploader(session), new Downloader(session));
        var done = new List<SyncAction>();
        var skipped = new List<SyncAction>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var plan = await PlanAsync(cancellationToken);
            if (dryRun)
            {
                return new SyncReport([.. plan.Actions.Select(a => a.Describe())], plan.Skipped, plan.Actions.Count == 0, 0, 0);
            }

            foreach (var (key, restamped) in plan.Restamped)
            {
                _state.Files[key] = restamped;
            }

            skipped = [.. plan.Skipped];
            if (plan.Actions.Count == 0)
            {
                _state.Cursor = plan.Cursor;
                session.Save();
                return new SyncReport(done, skipped, true, session.Uploaded, session.Downloaded);
            }

            var (allDone, tried) = (true, 0);
            foreach (var action in plan.Actions)
            {
                if (executor.GivenUp(action.Describe().Path) is { } refused)
                {
                    skipped.Add(refused);
                    allDone = false;
                    continue;
                }

                tried++;
                if (await executor.ExecuteAsync(action, cancellationToken) is { } problem)
                {
                    skipped.Add(problem);
                    allDone = false;
                }
                else
                {
                    done.Add(action.Describe());
                }
            }

            // Every action left is one the folder refused too often: another pass would plan the same.
            if (tried == 0)
            {
                break;
            }

            // The cursor moves on only when every change it covers is in the base; else the next pass sees them again.
            if (allDone && !plan.Actions.Any(a => a.LeavesRemoteChange))
            {
                _state.Cursor = plan.Cursor;
                session.Save();
            }
        }

        return new SyncReport(done, skipped, false, session.Uploaded, session.Downloaded);
    }

    private async Task<SyncPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var remote = RemoteView.Of(_state, await _remote.ChangesAsync(_state.Cursor, cancellationToken), _fs.CannotHold);
        var local = await FolderScanner.ScanAsync(_fs, _state, remote, cancellationToken);
        return _planner.Plan(_state, remote, local);
    }
}
