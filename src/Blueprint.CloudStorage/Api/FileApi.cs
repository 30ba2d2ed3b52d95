using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Blueprint.CloudStorage.Api;

/// <summary>The metadata service's API for files (000 §8.3; 003 §15): commit, read, download, versions, restore, delete, move.</summary>
internal static class FileApi
{
    private const int MaxBlocksPerFile = 1_000_000;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapFileApi(this RouteGroupBuilder ns)
    {
        ns.MapPost("/files/commit", CommitAsync).RequiresWrite().WithName("CommitFile")
            .WithSummary("Commits a version of a file from blocks already uploaded. parentVersion is the version edited (none for a new file); onConflict 'copy' keeps a losing edit as a conflicted copy instead of failing.");
        ns.MapGet("/files", GetAsync).WithName("GetFile").WithSummary("A file's metadata: its current version, size and content hash.");
        ns.MapGet("/files/content", DownloadAsync).WithName("DownloadFile").WithSummary("A file's bytes, or a version's; byte ranges supported. Recorded in the history.");
        ns.MapGet("/files/blocks", BlocksAsync).WithName("FileBlocks").WithSummary("The blocks of a file's current version (or of the version given), in order.");
        ns.MapPost("/files/update", UpdateAsync).WithName("RequestUpdate")
            .WithSummary("000 §8.3 requestUpdate: the blocks of the file's current version, and which of them the client (holding 'have') lacks. Recorded in the history as a download.");
        ns.MapGet("/files/versions", VersionsAsync).WithName("FileVersions").WithSummary("A file's versions, newest first, by path or (for a file in the trash) by fileId.");
        ns.MapPost("/files/restore", RestoreAsync).RequiresWrite().WithName("RestoreVersion").WithSummary("Makes an old version of a file its current version again.");
        ns.MapDelete("/files", DeleteAsync).RequiresWrite().WithName("DeleteFile").WithSummary("Moves a file, or a folder's files, to the trash. With parentVersion, refused if the file changed since.");
        ns.MapPost("/files/move", MoveAsync).RequiresWrite().WithName("MoveFile")
            .WithSummary("Moves or renames a file or a folder; with toNamespace, into another namespace you may write to (its blocks are sealed again under that namespace's key).");
        ns.MapPost("/folders", CreateFolderAsync).RequiresWrite().WithName("CreateFolder")
            .WithSummary("Makes a folder in its own right, so it exists (and syncs) while empty. Making one that exists is 'unchanged'.");
        ns.MapGet("/folder", FolderAsync).WithName("ListFolder").WithSummary("A folder's files and subfolders (the root when path is empty); recursive lists every file under it.");
        ns.MapGet("/trash", TrashAsync).WithName("ListTrash").WithSummary("Deleted files that can still be brought back.");
        ns.MapPost("/trash/{fileId}/undelete", UndeleteAsync).RequiresWrite().WithName("UndeleteFile").WithSummary("Brings a file back from the trash to where it was.");
    }

    private static async Task<Results<Created<WriteResponse>, Ok<WriteResponse>, ProblemHttpResult>> CommitAsync(
        CommitRequest request, HttpContext http, FileStore files, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(request.Path, out var path, out var pathError))
        {
            return StorageProblems.BadPath("path", pathError);
        }

        if (request.OnConflict is not (null or "fail" or "copy"))
        {
            return StorageProblems.Invalid("onConflict is 'fail' (the default) or 'copy'.");
        }

        var (list, listError) = await BlockListOfAsync(request, space, files, blocks.MaxBlockBytes, cancellationToken);
        if (list is null)
        {
            return listError!;
        }

        var result = await files.CommitAsync(space, http.Writer(), path, request.ParentVersion, list, request.OnConflict == "copy", cancellationToken);
        return result.Outcome switch
        {
            WriteOutcome.Unchanged => TypedResults.Ok(Response(result)),
            WriteOutcome.Committed or WriteOutcome.ConflictedCopy => TypedResults.Created(FileLocation(http, space, result.File!), Response(result)),
            _ => StorageProblems.Of(result),
        };
    }

    private static async Task<Results<Ok<FileResponse>, ProblemHttpResult>> GetAsync(
        string? path, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(path, out var parsed, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        return await files.FindLiveAsync(space, parsed, cancellationToken) is { } file
            ? TypedResults.Ok(file.ToResponse())
            : StorageProblems.NoSuchFile($"There is no file '{parsed}'.");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string? path, string? version, HttpContext http, FileStore files, BlockStore blocks, HistoryLedger history, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var (found, notFound) = await FindVersionAsync(space, path, version, files, cancellationToken);
        if (found is null)
        {
            return notFound!;
        }

        var parts = await files.BlocksAsync(space, found.Id, cancellationToken);
        if (!IsContinuation(http.Request))
        {
            await history.AppendAsync(space.Id, new HistoryEvent(http.User.UserId(), HistoryActions.Download, found.Path, found.FileId, found.Id, NamespaceAccess.Device(http)), cancellationToken);
        }

        return Content(blocks, space, parts, found.Path, found.CreatedAt, found.ContentHash);
    }

    private static async Task<Results<Ok<BlockListResponse>, ProblemHttpResult>> BlocksAsync(
        string? path, string? version, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var (found, notFound) = await FindVersionAsync(space, path, version, files, cancellationToken);
        if (found is null)
        {
            return notFound!;
        }

        var file = (await files.FindAsync(space, found.FileId, cancellationToken))!;
        var parts = await files.BlocksAsync(space, found.Id, cancellationToken);
        return TypedResults.Ok(new BlockListResponse(file.ToResponse(), found.Id, null, [.. parts.Select(p => new BlockEntryDto(p.Hash, p.Length))], []));
    }

    private static async Task<Results<Ok<BlockListResponse>, ProblemHttpResult>> UpdateAsync(
        UpdateRequest request, HttpContext http, FileStore files, HistoryLedger history, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(request.Path, out var path, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        if (await files.FindLiveAsync(space, path, cancellationToken) is not { } file)
        {
            return StorageProblems.NoSuchFile($"There is no file '{path}'.");
        }

        if (file.Folder)
        {
            return StorageProblems.IsFolder(file.Path);
        }

        IReadOnlyList<BlockRef> baseList = [];
        if (request.Base is not null)
        {
            if (await files.VersionAsync(space, request.Base, cancellationToken) is null)
            {
                return StorageProblems.NoSuchFile($"There is no version {request.Base} to describe the blocks against.");
            }

            baseList = [.. (await files.BlocksAsync(space, request.Base, cancellationToken)).Select(b => new BlockRef(b.Hash, b.Length))];
        }

        var current = (await files.BlocksAsync(space, file.VersionId, cancellationToken)).Select(b => new BlockRef(b.Hash, b.Length)).ToList();
        var entries = request.Base is null ? current.Select(BlockListEntry.New).ToList() : BlockListDelta.Encode(baseList, current);
        var have = (request.Have ?? []).Concat(baseList.Select(b => b.Hash)).ToHashSet(StringComparer.Ordinal);
        await history.AppendAsync(space.Id, new HistoryEvent(http.User.UserId(), HistoryActions.Download, file.Path, file.Id, file.VersionId, NamespaceAccess.Device(http)), cancellationToken);
        return TypedResults.Ok(new BlockListResponse(
            file.ToResponse(),
            file.VersionId,
            request.Base,
            [.. entries.Select(BlockEntryDto.Of)],
            [.. current.Select(b => b.Hash).Where(h => !have.Contains(h)).Distinct(StringComparer.Ordinal)]));
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionResponse>>, ProblemHttpResult>> VersionsAsync(
        string? path, string? fileId, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        FileEntry? file;
        if (fileId is not null)
        {
            file = await files.FindAsync(space, fileId, cancellationToken);
        }
        else if (SyncPath.TryParse(path, out var parsed, out var error))
        {
            file = await files.FindLiveAsync(space, parsed, cancellationToken);
        }
        else
        {
            return StorageProblems.BadPath("path", error);
        }

        return file is null
            ? StorageProblems.NoSuchFile($"There is no file {(fileId is null ? $"'{path}'" : fileId)}.")
            : TypedResults.Ok<IReadOnlyList<VersionResponse>>([.. (await files.VersionsAsync(space, file.Id, cancellationToken)).Select(x => x.ToResponse())]);
    }

    private static async Task<Results<Ok<WriteResponse>, ProblemHttpResult>> RestoreAsync(
        RestoreRequest request, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(request.Path, out var path, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        if (string.IsNullOrEmpty(request.Version))
        {
            return StorageProblems.Invalid("version is required: the id of the version to restore.");
        }

        return Written(await files.RestoreAsync(space, http.Writer(), path, request.Version, cancellationToken));
    }

    private static async Task<Results<Ok<WriteResponse>, ProblemHttpResult>> DeleteAsync(
        string? path, string? parentVersion, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        return SyncPath.TryParse(path, out var parsed, out var error)
            ? Written(await files.DeleteAsync(space, http.Writer(), parsed, parentVersion, cancellationToken))
            : StorageProblems.BadPath("path", error);
    }

    private static async Task<Results<Ok<WriteResponse>, ProblemHttpResult>> MoveAsync(
        MoveRequest request, HttpContext http, FileStore files, NamespaceStore namespaces, NamespaceTransfer transfer, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(request.From, out var from, out var fromError))
        {
            return StorageProblems.BadPath("from", fromError);
        }

        if (!SyncPath.TryParse(request.To, out var to, out var toError))
        {
            return StorageProblems.BadPath("to", toError);
        }

        if (request.ToNamespace is null)
        {
            return Written(await files.MoveAsync(space, http.Writer(), from, to, request.ParentVersion, cancellationToken));
        }

        // The target is resolved as the route's namespace is: not a member is 404, read-only is 403.
        var target = await namespaces.ResolveAsync(http.User.UserId(), request.ToNamespace, cancellationToken);
        return target is null ? StorageProblems.NoSuchNamespace(request.ToNamespace)
            : !target.CanWrite ? StorageProblems.ReadOnly(target)
            : target.Id == space.Id ? Written(await files.MoveAsync(space, http.Writer(), from, to, request.ParentVersion, cancellationToken))
            : Written(await transfer.MoveAsync(space, target, http.Writer(), from, to, request.ParentVersion, cancellationToken));
    }

    private static async Task<Results<Created<WriteResponse>, Ok<WriteResponse>, ProblemHttpResult>> CreateFolderAsync(
        CreateFolderRequest request, HttpContext http, FileStore files, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(request.Path, out var path, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        var result = await files.CreateFolderAsync(space, http.Writer(), path, cancellationToken);
        return result.Outcome switch
        {
            WriteOutcome.Unchanged => TypedResults.Ok(Response(result)),
            WriteOutcome.Committed => TypedResults.Created(FileLocation(http, space, result.File!), Response(result)),
            _ => StorageProblems.Of(result),
        };
    }

    private static async Task<Results<Ok<FolderResponse>, ProblemHttpResult>> FolderAsync(
        HttpContext http, FileStore files, CancellationToken cancellationToken, string? path = null, bool recursive = false)
    {
        var space = http.Namespace();
        var folder = "";
        if (!string.IsNullOrEmpty(path) && path != "/")
        {
            if (!SyncPath.TryParse(path, out var parsed, out var error))
            {
                return StorageProblems.BadPath("path", error);
            }

            folder = parsed.Key;
        }

        var listing = await files.ListAsync(space, folder, recursive, cancellationToken);
        return TypedResults.Ok(new FolderResponse(folder, listing.Folders, [.. listing.Files.Select(x => x.ToResponse())]));
    }

    private static async Task<Ok<IReadOnlyList<FileResponse>>> TrashAsync(HttpContext http, FileStore files, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<FileResponse>>([.. (await files.TrashAsync(http.Namespace(), cancellationToken)).Select(x => x.ToResponse())]);

    private static async Task<Results<Ok<WriteResponse>, ProblemHttpResult>> UndeleteAsync(
        string fileId, HttpContext http, FileStore files, CancellationToken cancellationToken) =>
        Written(await files.UndeleteAsync(http.Namespace(), http.Writer(), fileId, cancellationToken));

    // The commit's block list: given whole, or as runs of the parent version's blocks plus new blocks.
    private static async Task<(IReadOnlyList<BlockRef>? List, ProblemHttpResult? Problem)> BlockListOfAsync(
        CommitRequest request, StorageNamespace space, FileStore files, int maxBlockBytes, CancellationToken cancellationToken)
    {
        var entries = request.Blocks ?? [];
        var error = entries.Count > MaxBlocksPerFile ? $"A file may have at most {MaxBlocksPerFile:N0} blocks."
            : entries.Any(b => b is null) ? "blocks may not contain null."
            : entries.FirstOrDefault(b => !b.IsRun && !BlockHashes.IsValid(b.Hash)) is { } badHash ? $"'{badHash.Hash}' is not a block hash (64 lowercase hex digits, SHA-256), and the entry is not a run {{from, count}} either."
            : entries.FirstOrDefault(b => !b.IsRun && !(b.Length >= 1 && b.Length <= maxBlockBytes)) is { } badLength ? $"Block {badLength.Hash} has length {badLength.Length}; a block is 1 to {maxBlockBytes:N0} bytes."
            : entries.Any(b => b.IsRun) && request.ParentVersion is null ? "Runs {from, count} name blocks of the parent version; give parentVersion."
            : null;
        if (error is not null)
        {
            return (null, StorageProblems.Invalid(error));
        }

        if (!entries.Any(b => b.IsRun))
        {
            return ([.. entries.Select(b => new BlockRef(b.Hash!, b.Length!.Value))], null);
        }

        var parent = (await files.BlocksAsync(space, request.ParentVersion!, cancellationToken)).Select(b => new BlockRef(b.Hash, b.Length)).ToList();
        try
        {
            var list = BlockListDelta.Decode(parent, entries.Select(e => e.ToEntry()));
            return list.Count > MaxBlocksPerFile ? (null, StorageProblems.Invalid($"A file may have at most {MaxBlocksPerFile:N0} blocks.")) : (list, null);
        }
        catch (ArgumentException outside)
        {
            return (null, StorageProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Runs outside the parent", $"{outside.Message} (version {request.ParentVersion} has {parent.Count} blocks here; send the whole list if it is unknown).", "bad-runs"));
        }
    }

    // A version by id, or the current version of the live file at the path.
    private static async Task<(FileVersion? Version, ProblemHttpResult? Problem)> FindVersionAsync(
        StorageNamespace ns, string? path, string? version, FileStore files, CancellationToken cancellationToken)
    {
        if (version is not null)
        {
            var found = await files.VersionAsync(ns, version, cancellationToken);
            // A delete, and every version of a folder, has no content (and no content hash).
            return found is null || found.ContentHash.Length == 0
                ? (null, StorageProblems.NoSuchFile($"There is no version {version} with content."))
                : (found, null);
        }

        if (!SyncPath.TryParse(path, out var parsed, out var error))
        {
            return (null, StorageProblems.BadPath("path", error));
        }

        var file = await files.FindLiveAsync(ns, parsed, cancellationToken);
        return file is null ? (null, StorageProblems.NoSuchFile($"There is no file '{parsed}'."))
            : file.Folder ? (null, StorageProblems.IsFolder(file.Path))
            : (await files.VersionAsync(ns, file.VersionId, cancellationToken), null);
    }

    /// <summary>A version's bytes as a download: its name, type and ETag, byte ranges answered.</summary>
    internal static FileStreamHttpResult Content(BlockStore blocks, StorageNamespace space, IReadOnlyList<StoredBlock> parts, string path, DateTimeOffset modified, string contentHash)
    {
        var name = SyncPath.Stored(path).Name;
        return TypedResults.Stream(
            new VersionContentStream(blocks, space, parts),
            ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream",
            name,
            modified,
            new EntityTagHeaderValue($"\"{contentHash}\""),
            enableRangeProcessing: true);
    }

    // A range request that does not start at the beginning continues a download already recorded.
    internal static bool IsContinuation(HttpRequest request) =>
        request.GetTypedHeaders().Range is { Ranges.Count: > 0 } range && range.Ranges.First().From is > 0;

    private static Results<Ok<WriteResponse>, ProblemHttpResult> Written(WriteResult result) =>
        result.Outcome is WriteOutcome.Committed or WriteOutcome.Unchanged ? TypedResults.Ok(Response(result)) : StorageProblems.Of(result);

    internal static WriteResponse Response(WriteResult result) =>
        new(StorageProblems.OutcomeName(result.Outcome), result.File!.ToResponse(), [.. (result.Files ?? [result.File!]).Select(x => x.ToResponse())]);

    internal static string FileLocation(HttpContext http, StorageNamespace ns, FileEntry file) =>
        $"{http.Request.PathBase}/api/storage/ns/{ns.Id}/files?path={Uri.EscapeDataString(file.Path)}";
}
