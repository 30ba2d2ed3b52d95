using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Tests;

/// <summary>A test's sync client: cuts files into blocks, uploads the ones the namespace lacks, commits, downloads; counts block bytes sent.</summary>
internal sealed class StorageClient(SignedInClient user, string ns = "root", string device = "test-device")
{
    private readonly FastCdcChunker _chunker = new(average: 4096);

    public SignedInClient User => user;

    public string Ns => ns;

    public long BlockBytesSent { get; private set; }

    public string Api(string rest) => $"/api/storage/ns/{ns}/{rest}";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string rest, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Api(rest), UriKind.Relative));
        request.Headers.Add("X-Blueprint-Device", device);
        request.Content = body switch
        {
            null => null,
            HttpContent raw => raw,
            _ => JsonContent.Create(body),
        };
        return await user.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string rest, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, rest, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public IReadOnlyList<(string Hash, int Length, byte[] Bytes)> Blocks(byte[] content) =>
        [.. _chunker.Split(content).Select(r =>
        {
            var bytes = content.AsSpan((int)r.Offset, r.Length).ToArray();
            return (BlockSeal.HashOf(bytes), r.Length, bytes);
        })];

    /// <summary>Uploads the blocks the namespace lacks; returns how many were sent.</summary>
    public async Task<int> UploadBlocksAsync(byte[] content)
    {
        var blocks = Blocks(content);
        var missing = (await JsonAsync(HttpMethod.Post, "blocks/compare", new { hashes = blocks.Select(b => b.Hash).ToArray() }))
            .GetProperty("missing").EnumerateArray().Select(h => h.GetString()!).ToHashSet();
        var sent = 0;
        foreach (var block in blocks.Where(b => missing.Remove(b.Hash)))
        {
            using var response = await SendAsync(HttpMethod.Put, $"blocks/{block.Hash}", new ByteArrayContent(block.Bytes));
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Block upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            BlockBytesSent += block.Bytes.Length;
            sent++;
        }

        return sent;
    }

    public object Commit(string path, byte[] content, string? parent = null, string? onConflict = null) =>
        new { path, parentVersion = parent, blocks = Blocks(content).Select(b => new { hash = b.Hash, length = b.Length }).ToArray(), onConflict };

    /// <summary>Uploads and commits; returns the write response.</summary>
    public async Task<JsonElement> PutAsync(string path, byte[] content, string? parent = null, string? onConflict = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        await UploadBlocksAsync(content);
        return await JsonAsync(HttpMethod.Post, "files/commit", Commit(path, content, parent, onConflict), expected);
    }

    public async Task<byte[]> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, $"files/content?path={Uri.EscapeDataString(path)}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Download of '{path}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<JsonElement> FileAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(HttpMethod.Get, $"files?path={Uri.EscapeDataString(path)}", expected: expected);

    public static string Version(JsonElement write) => write.GetProperty("file").GetProperty("version").GetString()!;

    public static string PathOf(JsonElement write) => write.GetProperty("file").GetProperty("path").GetString()!;
}
