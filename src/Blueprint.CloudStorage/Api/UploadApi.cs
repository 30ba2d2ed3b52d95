using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.CloudStorage.Api;

/// <summary>
/// A whole file in one request, for browsers and curl: the server cuts it into blocks exactly as
/// the sync client would (so the two dedupe against each other), stores the ones it lacks, and
/// commits. The body streams through a bounded buffer; a file of any size costs the same memory.
/// </summary>
internal static class UploadApi
{
    public static void MapUploadApi(this RouteGroupBuilder ns) =>
        ns.MapPut("/files/content", UploadAsync).RequiresWrite().AcceptsBodyOfAnySize().WithName("UploadFile")
            .WithSummary("Uploads a whole file (Content-Length required) and commits it. parentVersion and onConflict as for a commit.")
            .Accepts<byte[]>("application/octet-stream");

    private static async Task<Results<Created<WriteResponse>, Ok<WriteResponse>, ProblemHttpResult>> UploadAsync(
        HttpContext http, FileStore files, BlockStore blocks, CancellationToken cancellationToken, string? path = null, string? parentVersion = null, string? onConflict = null)
    {
        var space = http.Namespace();
        if (!SyncPath.TryParse(path, out var parsed, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        if (http.Request.ContentLength is not { } length)
        {
            return StorageProblems.Problem(StatusCodes.Status411LengthRequired, "Length required", "Send Content-Length: the blocks are cut by the file's size.", "length-required");
        }

        if (onConflict is not (null or "fail" or "copy"))
        {
            return StorageProblems.Invalid("onConflict is 'fail' (the default) or 'copy'.");
        }

        if (length > space.QuotaBytes - space.UsedBytes)
        {
            return StorageProblems.Problem(StatusCodes.Status507InsufficientStorage, "Over quota", $"'{space.Name}' has {Math.Max(0, space.QuotaBytes - space.UsedBytes):N0} bytes left; this file has {length:N0}.", "over-quota");
        }

        // A run of blocks at a time: hashed on every core, then stored as one pack; the runs' rows go
        // in some groups' worth at a time, and all of them before the commit.
        var list = new List<BlockRef>();
        var full = false;
        var upload = blocks.BeginUpload(space);
        long total;
        try
        {
            total = await SyncChunking.ReadBlockRunsAsync(http.Request.Body, length, async (buffer, run, _) =>
            {
                var hashes = BlockSeal.HashAll(buffer, run);
                var batch = run.Select((range, i) => (Hash: hashes[i], Bytes: buffer[range])).ToList();
                full = (await upload.StoreNamedHereAsync(batch, cancellationToken)).Outcome == StoreOutcome.OverQuota;
                list.AddRange(batch.Select(b => new BlockRef(b.Hash, b.Bytes.Length)));
                return !full;
            }, cancellationToken);
        }
        finally
        {
            // Also when the body broke off: what was stored is kept, and a retry skips it.
            await upload.FlushAsync(CancellationToken.None);
        }

        if (full)
        {
            return StorageProblems.Problem(StatusCodes.Status507InsufficientStorage, "Over quota", $"'{space.Name}' is full.", "over-quota");
        }

        if (total != length)
        {
            return StorageProblems.Invalid($"The body had {total:N0} bytes, not the {length:N0} its Content-Length said; nothing was committed.");
        }

        var result = await files.CommitAsync(space, http.Writer(), parsed, parentVersion, list, onConflict == "copy", cancellationToken);
        return result.Outcome switch
        {
            WriteOutcome.Unchanged => TypedResults.Ok(FileApi.Response(result)),
            WriteOutcome.Committed or WriteOutcome.ConflictedCopy => TypedResults.Created(FileApi.FileLocation(http, space, result.File!), FileApi.Response(result)),
            _ => StorageProblems.Of(result),
        };
    }
}
