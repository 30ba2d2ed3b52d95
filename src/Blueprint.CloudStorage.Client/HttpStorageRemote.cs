using System.Net;
using System.Net.Http.Json;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Blueprint.CloudStorage.Contracts;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>The storage service's HTTP API (/api/storage/ns/{ns}) for one namespace, as one device.</summary>
public sealed class HttpStorageRemote : IStorageRemote
{
    // The most hashes the server takes in one blocks/fetch; a download's 16 MiB window (BlockFetchWindows) fits in one.
    private const int FetchBatch = 10_000;
    private static readonly JsonSerializerOptions Json = StorageWireJson.Default.Options;

    private readonly HttpClient _http;
    private readonly string _prefix;
    private readonly string _device;

    /// <summary>The storage API of one namespace, as one device.</summary>
    /// <param name="http">A client whose base address is the server and which sends the caller's credentials.</param>
    /// <param name="ns">The namespace id, or "root" for the caller's own.</param>
    /// <param name="device">This device's name, recorded in the history and in conflicted copies' names.</param>
    public HttpStorageRemote(HttpClient http, string ns, string device)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _prefix = $"api/storage/ns/{Uri.EscapeDataString(ns)}/";
        _device = device;
    }

    public async Task<RemoteChanges> ChangesAsync(long cursor, CancellationToken cancellationToken)
    {
        var entries = new List<RemoteFile>();
        var reset = false;
        for (var pages = 0; ; pages++)
        {
            var page = await SendAsync<ChangesResponse>(HttpMethod.Get, $"changes?cursor={cursor}&limit=2000", null, cancellationToken);
            reset |= page.Reset;
            entries.AddRange(page.Entries.Select(e => e.ToRemote()));
            cursor = page.Cursor;
            if (!page.HasMore)
            {
                return new RemoteChanges(entries, cursor, reset);
            }
        }
    }

    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        hashes.Count == 0 ? [] : (await SendAsync<CompareBlocksResponse>(HttpMethod.Post, "blocks/compare", new CompareBlocksRequest([.. hashes]), cancellationToken)).Missing;

    public async Task<bool> UploadAsync(IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken)
    {
        using var response = await SendFramesAsync(
            "blocks/batch", blocks, (stream, block, token) => BlockFrames.WriteAsync(stream, block.Hash, block.Bytes, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest && await CodeAsync(response, cancellationToken) == "hash-mismatch")
        {
            return false;
        }

        await EnsureAsync(response, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> UploadUnnamedAsync(IAsyncEnumerable<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken)
    {
        using var response = await SendFramesAsync(
            "blocks/unnamed", blocks, (stream, block, token) => BlockFrames.WriteChecksummedAsync(stream, block.Checksum, block.Bytes, token), cancellationToken);
        // A block changed on the way ("checksum-mismatch") is, like any failure, tried again later.
        return (await ReadAsync<UnnamedBatchResponse>(response, cancellationToken)).Hashes;
    }

    // One request whose body is the blocks framed as the source yields them; the source's own error is thrown as it is.
    private async Task<HttpResponseMessage> SendFramesAsync<TBlock>(
        string path, IAsyncEnumerable<TBlock> blocks, Func<Stream, TBlock, CancellationToken, Task> writeFrame, CancellationToken cancellationToken)
    {
        using var content = new BlockFramesContent<TBlock>(blocks, writeFrame);
        content.Headers.ContentType = new("application/octet-stream");
        try
        {
            return await SendRawAsync(HttpMethod.Post, path, content, cancellationToken);
        }
        catch (Exception) when (content.SourceError is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
            throw;
        }
    }

    public Task<RemoteWrite> CommitAsync(string path, string? parentVersion, IReadOnlyList<BlockListEntry> blocks, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, "files/commit", new CommitRequest(path, parentVersion, [.. blocks.Select(BlockEntryDto.Of)], "copy"), cancellationToken);

    public Task<RemoteWrite> CreateFolderAsync(string path, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, "folders", new CreateFolderRequest(path), cancellationToken);

    public Task<RemoteWrite> DeleteAsync(string path, string parentVersion, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Delete, $"files?path={Uri.EscapeDataString(path)}&parentVersion={Uri.EscapeDataString(parentVersion)}", null, cancellationToken);

    public Task<RemoteWrite> MoveAsync(string from, string to, string parentVersion, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, "files/move", new MoveRequest(from, to, parentVersion), cancellationToken);

    public async Task<RemoteBlockList?> BlocksAsync(string path, string? baseVersion, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "files/update", new UpdateRequest(path, null, baseVersion), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && await CodeAsync(response, cancellationToken) is "no-file")
        {
            return null;
        }

        var list = await ReadAsync<BlockListResponse>(response, cancellationToken);
        try
        {
            return new RemoteBlockList(list.File.ToRemote(), list.Base, [.. list.Blocks.Select(b => b.ToEntry())], list.Missing);
        }
        catch (FormatException error)
        {
            throw new RemoteUnavailableException($"The answer was not the storage API's: {error.Message}", error);
        }
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> FetchAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var blocks = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var batch in hashes.Distinct(StringComparer.Ordinal).Chunk(FetchBatch))
        {
            using var response = await SendRawAsync(HttpMethod.Post, "blocks/fetch", new CompareBlocksRequest(batch), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
            await EnsureAsync(response, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            try
            {
                while (await BlockFrames.ReadHeaderAsync(body, SyncChunking.MaxBlock * 2, cancellationToken) is { } frame)
                {
                    var bytes = new byte[frame.Length];
                    await BlockFrames.ReadBlockAsync(body, bytes, cancellationToken);
                    blocks[frame.Hash] = bytes;
                }
            }
            catch (Exception error) when (error is IOException or HttpRequestException or InvalidDataException)
            {
                throw new RemoteUnavailableException("The block download was cut off.", error);
            }
        }

        return blocks;
    }

    public async Task<bool> WaitForChangeAsync(long cursor, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await SendAsync<LongPollResponse>(HttpMethod.Get, $"changes/poll?cursor={cursor}&timeout={(int)Math.Clamp(timeout.TotalSeconds, 1, 90)}", null, cancellationToken)).Changes;

    private async Task<RemoteWrite> WriteAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var write = await ReadAsync<WriteResponse>(response, cancellationToken);
            var outcome = write.Outcome switch
            {
                "unchanged" => RemoteOutcome.Unchanged,
                "conflicted-copy" => RemoteOutcome.ConflictedCopy,
                _ => RemoteOutcome.Committed,
            };
            return new RemoteWrite(outcome, write.File.ToRemote(), [], null);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.InsufficientStorage)
        {
            throw new RemoteUnavailableException($"The server failed ({(int)response.StatusCode}): {text}");
        }

        var problem = ProblemOf(text);
        if (response.StatusCode is HttpStatusCode.Unauthorized || problem?.Code is "no-namespace")
        {
            throw new InvalidOperationException($"The server refused this client ({(int)response.StatusCode}): {problem?.Detail ?? text}");
        }

        var kind = problem?.Code switch
        {
            "stale" => RemoteOutcome.Stale,
            "missing-blocks" => RemoteOutcome.MissingBlocks,
            "path-taken" => RemoteOutcome.PathTaken,
            "no-file" => RemoteOutcome.NotFound,
            _ => RemoteOutcome.Refused,
        };
        return new RemoteWrite(kind, problem?.Current?.ToRemote(), problem?.Missing ?? [], problem?.Detail ?? text);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, new Uri(_prefix + path, UriKind.Relative));
        request.Headers.Add("X-Blueprint-Device", _device);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, body.GetType(), options: Json),
        };
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or IOException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RemoteUnavailableException($"The server could not be reached: {error.Message}", error);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new RemoteUnavailableException("The server sent an empty answer.");
        }
        catch (Exception error) when (error is IOException or HttpRequestException)
        {
            throw new RemoteUnavailableException("The answer was cut off.", error);
        }
        catch (JsonException error)
        {
            // A captive portal's or a proxy's page where the server's answer should be: tried again later.
            throw new RemoteUnavailableException($"The answer was not the storage API's ({response.Content.Headers.ContentType?.MediaType ?? "no type"}): {error.Message}", error);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.NotFound && text.Contains("no-namespace", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The server refused this client ({(int)response.StatusCode}): {text}");
        }

        throw new RemoteUnavailableException($"The server answered {(int)response.StatusCode}: {text}");
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ProblemOf(text)?.Code;
    }

    // A refusal's problem document; null for an empty body, or a page that is not one (a proxy's).
    private static StorageProblem? ProblemOf(string text)
    {
        try
        {
            return text.Length > 0 ? JsonSerializer.Deserialize(text, StorageWireJson.Default.StorageProblem) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
