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
    private const int StoresInFlight = 5;

    // The rows of a batch's packs go in up to this many bytes' worth at a time (PendingBlockRows,
    // BlockStore.InsertRowsAsync): a transaction a group rewrote the blocks' index 32 times a GiB.
    internal const long RowsFlushBytes = 4L * GroupBuffers.GroupBytes;

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

    private static Task<Results<Ok<BatchUploadResponse>, ProblemHttpResult>> UploadBatchAsync(HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        return ReceiveGroupsAsync(
            http,
            blocks,
            BlockFrames.ReadHeaderAsync,
            async (group, held, pending) =>
            {
                var (outcome, stored, already) = await blocks.StoreBatchAsync(space, group, cancellationToken, pending: pending, blocksRead: held);
                return (outcome, stored, already, []);
            },
            (stored, already, _) => new BatchUploadResponse(stored, already),
            cancellationToken);
    }

    // For a new file: the client cuts it and sends each block with a checksum instead of a SHA-256,
    // which this host computes anyway (to check a named block) and answers. That spares the client
    // the hashing: a third of its CPU on a 1 GiB upload.
    private static Task<Results<Ok<UnnamedBatchResponse>, ProblemHttpResult>> UploadUnnamedAsync(HttpContext http, BlockStore blocks, CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        return ReceiveGroupsAsync(
            http,
            blocks,
            BlockFrames.ReadChecksummedHeaderAsync,
            (group, held, pending) => blocks.StoreUnnamedAsync(space, group, cancellationToken, pending, held),
            (stored, already, names) => new UnnamedBatchResponse(stored, already, names),
            cancellationToken);
    }

    // Stored a group at a time, so a body of any size costs bounded memory: while one group is read
    // off the wire, up to five are being stored, hashing and sealing while others are written out
    // (on a busy disk the write is the slowest step, so it must not wait for the CPU's, nor they for
    // it: with two, a slow write held up the reading and a 1 GiB upload took 0.5 s longer; with
    // three, `vmstat` still showed a third of both cores idle or waiting on the disk during the
    // upload, and five took 0.2-0.4 s less, by the means of paired runs). A group's blocks are read
    // into one reused buffer, given back as soon as they are sealed, so a group being written holds
    // only its pack. Their rows wait until enough groups are stored (or the batch ends, or breaks
    // off), then go in together. A frame's block is named by TName: its SHA-256, or a checksum.
    private static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ReceiveGroupsAsync<TName, TResponse>(
        HttpContext http,
        BlockStore blocks,
        Func<Stream, int, CancellationToken, Task<(TName Name, int Length)?>> readHeader,
        Func<List<(TName Name, ReadOnlyMemory<byte> Bytes)>, IDisposable, PendingBlockRows, Task<(StoreOutcome Outcome, int Stored, int AlreadyStored, string[] Names)>> storeGroup,
        Func<int, int, List<string>, TResponse> answer,
        CancellationToken cancellationToken)
    {
        var space = http.Namespace();
        var pending = new PendingBlockRows(RowsFlushBytes);
        var (stored, already, names) = (0, 0, new List<string>());
        var group = new List<(TName Name, int Offset, int Length)>();
        var groupBuffer = GroupBuffers.Rent(0); // grown as blocks arrive: most batches are a small file's few blocks
        var groupBytes = 0;
        var storing = new Queue<Task<(StoreOutcome Outcome, int Stored, int AlreadyStored, string[] Names)>>();
        try
        {
            while (true)
            {
                (TName Name, int Length)? frame;
                try
                {
                    frame = await readHeader(http.Request.Body, blocks.MaxBlockBytes, cancellationToken);
                }
                catch (InvalidDataException bad)
                {
                    return await SettleAsync(0) ?? await FlushedAsync(() => BadBatch(bad.Message, stored, already));
                }

                if (group.Count > 0 && (frame is not { } next || groupBytes + next.Length > GroupBuffers.GroupBytes || group.Count == GroupBuffers.GroupBlocks))
                {
                    if (await SettleAsync(StoresInFlight - 1) is { } refused)
                    {
                        return refused;
                    }

                    // On the pool: storing starts with hashing the group, which must not hold up reading.
                    var held = groupBuffer;
                    var full = group.Select(b => (b.Name, (ReadOnlyMemory<byte>)held.Buffer.AsMemory(b.Offset, b.Length))).ToList();
                    storing.Enqueue(Task.Run(
                        async () =>
                        {
                            using (held)
                            {
                                return await storeGroup(full, held, pending);
                            }
                        },
                        cancellationToken));
                    // A group was filled, so the batch is large: the next starts at a group's size.
                    (group, groupBuffer, groupBytes) = ([], GroupBuffers.Rent(frame is null ? 0 : GroupBuffers.GroupBytes), 0);
                }

                if (frame is not { } header)
                {
                    if (await SettleAsync(0) is { } refusedLast)
                    {
                        return refusedLast;
                    }

                    return await FlushedAsync(() => TypedResults.Ok(answer(stored, already, names)));
                }

                if (groupBytes + header.Length > groupBuffer.Buffer.Length)
                {
                    // A group, or a block larger than a group (the host allows blocks that large), outgrew the buffer.
                    groupBuffer = GroupBuffers.Grow(groupBuffer, groupBytes, groupBytes + header.Length);
                }

                try
                {
                    await BlockFrames.ReadBlockAsync(http.Request.Body, groupBuffer.Buffer.AsMemory(groupBytes, header.Length), cancellationToken);
                }
                catch (InvalidDataException bad)
                {
                    return await SettleAsync(0) ?? await FlushedAsync(() => BadBatch(bad.Message, stored, already));
                }

                group.Add((header.Name, groupBytes, header.Length));
                groupBytes += header.Length;
            }
        }
        finally
        {
            // Left by a refusal or a body that broke off: let them finish (or fail) before the request ends.
            foreach (var left in storing)
            {
                await ((Task)left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            groupBuffer.Dispose();
            // A body that broke off keeps what was stored of it (the resumed upload skips those blocks).
            await blocks.FlushAsync(space, pending, CancellationToken.None);
        }

        // The rows still waiting go in, and the counts take the blocks another upload stored first.
        async Task<T> FlushedAsync<T>(Func<T> result)
        {
            var overtaken = await blocks.FlushAsync(space, pending, CancellationToken.None);
            (stored, already) = (stored - overtaken, already + overtaken);
            return result();
        }

        // Waits, oldest first, until at most `inFlight` groups are being stored; a refusal ends the
        // batch with the earlier groups kept (a later one, already under way, may be kept as well).
        async Task<ProblemHttpResult?> SettleAsync(int inFlight)
        {
            while (storing.Count > inFlight)
            {
                var (outcome, added, existing, named) = await storing.Dequeue();
                switch (outcome)
                {
                    case StoreOutcome.OverQuota:
                        return await FlushedAsync(() => StorageProblems.Problem(StatusCodes.Status507InsufficientStorage, "Over quota", $"'{space.Name}' is full ({space.QuotaBytes:N0} bytes); {stored + already} blocks of this batch were kept.", "over-quota"));
                    case StoreOutcome.HashMismatch:
                        return await FlushedAsync(() => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Block hash mismatch", $"A block of the batch does not hash to its name; the {stored + already} blocks of earlier groups were kept, none of its group.", "hash-mismatch"));
                    case StoreOutcome.ChecksumMismatch:
                        return await FlushedAsync(() => StorageProblems.Problem(StatusCodes.Status400BadRequest, "Block checksum mismatch", $"A block of the batch does not match its checksum (XXH128): it changed on the way. The {stored + already} blocks of earlier groups were kept, none of its group.", "checksum-mismatch"));
                }

                (stored, already) = (stored + added, already + existing);
                names.AddRange(named);
            }

            return null;
        }
    }

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

    private static ProblemHttpResult BadBatch(string reason, int stored, int already) =>
        StorageProblems.Problem(StatusCodes.Status400BadRequest, "Malformed batch", $"{reason} The {stored + already} blocks before it were kept.", "bad-batch");

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
