using System.Buffers;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Namespaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.CloudStorage.Api;

/// <summary>The block service's API (000 §8.3 compareHashes and uploadChange; 003 §15 block servers).</summary>
internal static class BlockApi
{
    private const int MaxHashesPerCompare = 100_000;
    private const int MaxHashesPerFetch = 10_000;

    public static void MapBlockApi(this RouteGroupBuilder ns)
    {
        ns.MapPost("/blocks/compare", CompareAsync).WithName("CompareBlocks").WithSummary("Of these block hashes, the ones the namespace lacks: upload only those.");
        ns.MapPut("/blocks/{hash}", UploadAsync).RequiresWrite().WithName("UploadBlock")
            .WithSummary("Stores one block under its SHA-256 (lowercase hex). The bytes must hash to it. Storing a block the namespace has is a no-op.")
            .Accepts<byte[]>("application/octet-stream");
        ns.MapPost("/blocks/batch", UploadBatchAsync).RequiresWrite().AcceptsBodyOfAnySize().WithName("UploadBlocks")
            .WithSummary("Stores many blocks from one body of any length: each framed as its SHA-256 (32 bytes), its length (4 bytes, big-endian) and its bytes. Stored in groups of up to 32 MiB as they arrive; a bad block fails its group, earlier groups are kept.")
            .Accepts<byte[]>("application/octet-stream");
        ns.MapPost("/blocks/unnamed", UploadUnnamedAsync).RequiresWrite().AcceptsBodyOfAnySize().WithName("UploadUnnamedBlocks")
            .WithSummary("Stores many blocks the client has not hashed, from one body of any length: each framed as its XXH128 checksum (16 bytes, big-endian), its length (4 bytes, big-endian) and its bytes. The server names each by its SHA-256 and answers the names in order. Stored in groups of up to 32 MiB as they arrive; a block that does not match its checksum fails its group, earlier groups are kept.")
            .Accepts<byte[]>("application/octet-stream");
        ns.MapPost("/blocks/fetch", FetchAsync).WithName("DownloadBlocks").WithSummary("Many blocks in one body, framed as for /blocks/batch, in the order asked.");
        ns.MapGet("/blocks/{hash}", DownloadAsync).WithName("DownloadBlock").WithSummary("One block's bytes, as uploaded.");
    }

    private static async Task<Results<Ok<CompareBlocksResponse>, ProblemHttpResult>> CompareAsync(
        CompareBlocksRequest request, HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var hashes = request.Hashes ?? [];
        if (hashes.Count > MaxHashesPerCompare)
        {
            return StorageProblems.Invalid($"At most {MaxHashesPerCompare:N0} hashes per request.");
        }

        if (hashes.Where(h => !BlockHashes.IsValid(h)).Select(h => h ?? "null").FirstOrDefault() is { } bad)
        {
            return StorageProblems.Invalid($"'{Printable(bad)}' is not a block hash: 64 lowercase hex digits (SHA-256).");
        }

        return TypedResults.Ok(new CompareBlocksResponse(await blocks.MissingAsync(space, hashes, cancellationToken)));
    }

    private static async Task<Results<Created, Ok, ProblemHttpResult>> UploadAsync(
        string hash, HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        if (!BlockHashes.IsValid(hash))
        {
            return StorageProblems.Invalid($"'{Printable(hash)}' is not a block hash: 64 lowercase hex digits (SHA-256).");
        }

        var max = blocks.MaxBlockBytes;
        if (http.Request.ContentLength > max)
        {
            return TooLarge(max);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var length = await ReadUpToAsync(http.Request.Body, buffer, max + 1, cancellationToken);
            if (length > max)
            {
                return TooLarge(max);
            }

            return await blocks.StoreAsync(space, hash, buffer.AsMemory(0, length), cancellationToken) switch
            {
                StoreOutcome.Stored => TypedResults.Created($"{http.Request.PathBase}{http.Request.Path}"),
                StoreOutcome.AlreadyStored => TypedResults.Ok(),
                StoreOutcome.OverQuota => StorageProblems.Problem(StatusCodes.Status507InsufficientStorage, "Over quota", $"'{space.Name}' is full ({space.QuotaBytes:N0} bytes).", "over-quota"),
                _ => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Block hash mismatch", $"The {length:N0} bytes sent do not hash to {hash}; nothing was stored.", "hash-mismatch"),
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string hash, HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var bytes = BlockHashes.IsValid(hash) ? await blocks.ReadAsync(space, hash, cancellationToken) : null;
        return bytes is null
            ? StorageProblems.Problem(StatusCodes.Status404NotFound, "No such block", $"'{space.Name}' has no block {Printable(hash)}.", "no-block")
            : TypedResults.File(bytes, "application/octet-stream");
    }

    private static async Task<Results<Ok<BatchUploadResponse>, ProblemHttpResult>> UploadBatchAsync(HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var receipt = await blocks.BeginUpload(http.Namespace()).ReceiveNamedAsync(http.Request.Body, cancellationToken);
        return Refused(receipt, http.Namespace()) is { } refused ? refused : TypedResults.Ok(new BatchUploadResponse(receipt.Stored, receipt.AlreadyStored));
    }

    // For a new file: the client cuts it and sends each block with a checksum instead of a SHA-256,
    // which this host computes anyway (to check a named block) and answers. That spares the client
    // the hashing: a third of its CPU on a 1 GiB upload.
    private static async Task<Results<Ok<UnnamedBatchResponse>, ProblemHttpResult>> UploadUnnamedAsync(HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var receipt = await blocks.BeginUpload(http.Namespace()).ReceiveUnnamedAsync(http.Request.Body, cancellationToken);
        return Refused(receipt, http.Namespace()) is { } refused
            ? refused
            : TypedResults.Ok(new UnnamedBatchResponse(receipt.Stored, receipt.AlreadyStored, [.. receipt.Names]));
    }

    private static ProblemHttpResult? Refused(BatchReceipt receipt, StorageNamespace space) => receipt switch
    {
        { Malformed: { } reason } => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Malformed batch", $"{reason} The {receipt.Kept} blocks before it were kept.", "bad-batch"),
        { Refusal: StoreOutcome.OverQuota } => StorageProblems.Problem(StatusCodes.Status507InsufficientStorage, "Over quota", $"'{space.Name}' is full ({space.QuotaBytes:N0} bytes); {receipt.Kept} blocks of this batch were kept.", "over-quota"),
        { Refusal: StoreOutcome.HashMismatch } => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Block hash mismatch", $"A block of the batch does not hash to its name; the {receipt.Kept} blocks of earlier groups were kept, none of its group.", "hash-mismatch"),
        { Refusal: StoreOutcome.ChecksumMismatch } => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Block checksum mismatch", $"A block of the batch does not match its checksum (XXH128): it changed on the way. The {receipt.Kept} blocks of earlier groups were kept, none of its group.", "checksum-mismatch"),
        _ => null,
    };

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> FetchAsync(CompareBlocksRequest request, HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var hashes = request.Hashes ?? [];
        if (hashes.Count > MaxHashesPerFetch || hashes.Where(h => !BlockHashes.IsValid(h)).Select(h => h ?? "null").FirstOrDefault() is { } bad)
        {
            return StorageProblems.Invalid($"Give 0 to {MaxHashesPerFetch:N0} block hashes (64 lowercase hex digits each).");
        }

        var where = await blocks.LocateAsync(space, hashes, cancellationToken);
        if (hashes.FirstOrDefault(h => !where.ContainsKey(h)) is { } missing)
        {
            return StorageProblems.Problem(StatusCodes.Status404NotFound, "No such block", $"'{space.Name}' has no block {missing}.", "no-block");
        }

        // Blocks lying end to end in a pack are read as one run; the next run is read while one is sent.
        var located = hashes.Select(h => (Hash: h, Where: where[h])).ToList();
        var runs = BlockRuns.Split(located, b => b.Where);

        return TypedResults.Stream(
            async response =>
            {
                // Frames are small (a header, then a block of some KiB): buffered, so the response is
                // written (and flushed) in large pieces, not two flushes a block.
                await using var body = new BufferedStream(response, 256 << 10);
                var next = runs.Count > 0 ? ReadRunAsync(runs[0]) : null;
                for (var r = 0; r < runs.Count; r++)
                {
                    var opened = await next!;
                    next = r + 1 < runs.Count ? ReadRunAsync(runs[r + 1]) : null;
                    for (var i = 0; i < opened.Length; i++)
                    {
                        await BlockFrames.WriteAsync(body, located[runs[r].Start + i].Hash, opened[i], cancellationToken);
                    }
                }
            },
            "application/octet-stream");

        Task<byte[][]> ReadRunAsync((int Start, int Count) run) => blocks.ReadRunAsync(space, located.GetRange(run.Start, run.Count), cancellationToken);
    }

    private static ProblemHttpResult TooLarge(int max) =>
        StorageProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Block too large", $"A block may be at most {max:N0} bytes; cut the file into smaller blocks.", "block-too-large");

    private static async Task<int> ReadUpToAsync(Stream body, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < limit && (read = await body.ReadAsync(buffer.AsMemory(total, limit - total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static string Printable(string value) => new([.. value.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
