using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>
/// Runs a pass's actions against the folder and the server, saving the merge base after each. A
/// file the folder refuses (an I/O error) is tried again up to <see cref="SyncEngine.MaxFolderRefusals"/>
/// times in one sync: a second pass gets past a passing fault, and a full disk does not cost a
/// download every pass.
/// </summary>
internal sealed class ActionExecutor(SyncSession session, IUploader uploader, IDownloader downloader) : IActionExecutor
{
    // The actions the folder refused in this sync, by path: how often, and the last refusal.
    private readonly Dictionary<string, (int Times, SyncAction Problem)> _refusals = new(StringComparer.Ordinal);

    public SyncAction? GivenUp(string path) =>
        _refusals.GetValueOrDefault(path) is { Times: >= SyncEngine.MaxFolderRefusals } refused ? refused.Problem : null;

    public async Task<SyncAction?> ExecuteAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            var problem = action switch
            {
                Upload upload => await uploader.UploadAsync(upload, cancellationToken),
                Download download => await downloader.DownloadAsync(download, cancellationToken),
                DeleteRemote delete => await DeleteRemoteAsync(delete, cancellationToken),
                DeleteLocal delete => DeleteLocal(delete),
                RenameRemote rename => await RenameRemoteAsync(rename, cancellationToken),
                Adopt adopt => Adopt(adopt),
                AdoptCopy copy => AdoptCopy(copy),
                Forget forget => Forget(forget),
                _ => throw new InvalidOperationException($"Unknown action {action}."),
            };
            session.Save();
            return problem is null ? null : new SyncAction("skip", action.Describe().Path, problem);
        }
        catch (LocalChangedException changed)
        {
            return new SyncAction("skip", action.Describe().Path, changed.Message);
        }
        catch (ArgumentException unplaceable)
        {
            // The folder refused the path itself (outside it, or its state folder): that path only, never the sync.
            return new SyncAction("skip", action.Describe().Path, $"cannot be placed here: {unplaceable.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var path = action.Describe().Path;
            var times = _refusals.GetValueOrDefault(path).Times + 1;
            var problem = new SyncAction("skip", path, times < SyncEngine.MaxFolderRefusals
                ? $"the folder refused: {error.Message}"
                : $"the folder refused, {times} times: {error.Message}; tried again next sync");
            _refusals[path] = (times, problem);
            return problem;
        }
    }

    private async Task<string?> DeleteRemoteAsync(DeleteRemote delete, CancellationToken cancellationToken)
    {
        var result = await session.Remote.DeleteAsync(delete.Base.Path, delete.Base.Version, cancellationToken);
        switch (result.Outcome)
        {
            case RemoteOutcome.Committed or RemoteOutcome.NotFound:
                session.State.Files.Remove(delete.Key);
                return null;
            case RemoteOutcome.Stale:
                return "changed on the server since; the change wins over the delete and comes back next time";
            default:
                return $"the server refused the delete ({result.Outcome}): {result.Reason}";
        }
    }

    private string? DeleteLocal(DeleteLocal delete)
    {
        if (delete.Local.File.Folder)
        {
            // Something new in it here beats the delete: forgotten, the folder is made again on the server next pass.
            session.Folder.DeleteFolder(delete.Local.Path);
            session.State.Files.Remove(delete.Key);
            return null;
        }

        session.EnsureUnchanged(delete.Local.File, delete.Local.Path);
        session.Folder.Delete(delete.Local.Path);
        session.State.Files.Remove(delete.Key);
        return null;
    }

    private async Task<string?> RenameRemoteAsync(RenameRemote rename, CancellationToken cancellationToken)
    {
        var result = await session.Remote.MoveAsync(rename.Base.Path, rename.Local.Path, rename.Base.Version, cancellationToken);
        if (result.Outcome is not (RemoteOutcome.Committed or RemoteOutcome.Unchanged))
        {
            return $"the server refused the rename ({result.Outcome}): {result.Reason}";
        }

        session.State.Files[rename.Key] = SyncedFile.Of(result.File!, rename.Local.File);
        return null;
    }

    private string? Adopt(Adopt adopt)
    {
        var settled = adopt.Local.Path == adopt.Remote.Path ? adopt.Local.File
            : adopt.Local.File.Folder ? session.SettleFolder(adopt.Local.Path, adopt.Remote.Path)
            : session.Folder.Move(adopt.Local.Path, adopt.Remote.Path);
        session.Remember(adopt.Remote, settled, adopt.Local.Blocks);
        return null;
    }

    private string? AdoptCopy(AdoptCopy adopt)
    {
        if (session.Folder.Info(adopt.Copy.Path) is not null)
        {
            return $"'{adopt.Copy.Path}' exists here already";
        }

        session.EnsureUnchanged(adopt.Local.File, adopt.Local.Path);
        session.Remember(adopt.Copy, session.Folder.Move(adopt.Local.Path, adopt.Copy.Path), adopt.Local.Blocks);
        return null;
    }

    private string? Forget(Forget forget)
    {
        session.State.Files.Remove(forget.Key);
        return null;
    }
}
