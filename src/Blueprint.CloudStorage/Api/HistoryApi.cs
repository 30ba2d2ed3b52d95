using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.CloudStorage.Api;

/// <summary>000 §8.3's secondary requirements: the history of uploads and downloads, who downloaded a file and when; and its verification.</summary>
internal static class HistoryApi
{
    private const int MaxPage = 500;

    public static void MapHistoryApi(this RouteGroupBuilder ns)
    {
        ns.MapGet("/history", ListAsync).WithName("StorageHistory")
            .WithSummary("Who uploaded, downloaded, moved or deleted what, when, and through which client — of the namespace, or of one file (path, or fileId) — newest first.");
        ns.MapGet("/history/verify", VerifyAsync).WithName("VerifyStorageHistory")
            .WithSummary("Recomputes the history's hash chain: valid, or the first entry that was changed, inserted or removed.");
    }

    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, FileStore files, HistoryLedger history, CancellationToken cancellationToken,
        string? path = null, string? fileId = null, long? before = null, int limit = 100)
    {
        var space = http.Namespace();
        if (limit is < 1 or > MaxPage)
        {
            return StorageProblems.Invalid($"limit is from 1 to {MaxPage}.");
        }

        if (path is not null)
        {
            if (!SyncPath.TryParse(path, out var parsed, out var error))
            {
                return StorageProblems.BadPath("path", error);
            }

            fileId = (await files.FindLiveAsync(space, parsed, cancellationToken))?.Id;
            if (fileId is null)
            {
                return StorageProblems.NoSuchFile($"There is no file '{parsed}'.");
            }
        }

        var entries = await history.ListAsync(space.Id, fileId, before, limit, cancellationToken);
        return TypedResults.Ok(new HistoryPage([.. entries.Select(x => x.ToResponse())], entries.Count == limit ? entries[^1].Seq : null));
    }

    private static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyAsync(
        HttpContext http, HistoryLedger history, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var result = await history.VerifyAsync(space.Id, cancellationToken);
        return TypedResults.Ok(new VerifyResponse(result.Valid, result.Entries, result.Head, result.FirstBadSeq, result.Problem));
    }
}
