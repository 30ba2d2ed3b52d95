using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Blueprint.Infrastructure.Backends;
using Blueprint.Infrastructure.Blobs;

namespace Blueprint.Infrastructure.Tests.Blobs;

public sealed class S3BlobTests : BlobContractTests, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3BlobStore _store;

    public S3BlobTests()
    {
        _client = BlobBackend.CreateClient(Options);
        _store = new S3BlobStore(_client, Options);
    }

    private S3BlobOptions Options => new() { ServiceUrl = RealEngines.S3, Bucket = "blueprint-tests", AccessKey = RealEngines.S3AccessKey, SecretKey = RealEngines.S3SecretKey, PartSizeBytes = PartSize };

    protected override IBlobStore Store => _store;

    // s3rver (the S3 server of the test run) is not atomic under racing overwrites of one key.
    protected override bool OverwritesAtomically => false;

    [Fact]
    public async Task ASeekableBodyWithinTheLimit_IsOnePut_AndAForwardOnlyOneIsSentInParts()
    {
        var requests = new RecordingHttpClients();
        using var client = BlobBackend.CreateClient(Options, requests);
        using var store = new S3BlobStore(client, Options);
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes((PartSize * 2) + 99);
        var key = "test-" + Guid.NewGuid().ToString("N")[..12] + "/";
        await store.PingAsync(CancellationToken.None);

        requests.Seen.Clear();
        await store.PutAsync(key + "one", new MemoryStream(data));
        var onePut = requests.Seen.ToList();
        requests.Seen.Clear();
        await store.PutAsync(key + "parts", new ForwardOnlyStream(new MemoryStream(data)));
        var inParts = requests.Seen.ToList();

        // A PUT and the HEAD that reports the object; then an initiate, three parts, a complete and the HEAD.
        Assert.Equal(["PUT", "HEAD"], onePut.Select(r => r.Method));
        Assert.Equal(["POST", "PUT", "PUT", "PUT", "POST", "HEAD"], inParts.Select(r => r.Method));
        Assert.Equal(3, inParts.Count(r => r.Query.Contains("partNumber=", StringComparison.Ordinal)));
        Assert.Equal(data, await ReadBackAsync(store, key + "one"));
        Assert.Equal(data, await ReadBackAsync(store, key + "parts"));
    }

    [Fact]
    public async Task ARangedRead_IsOneGet_ThatTellsTheObjectsSize_AndARangePastTheEndIsRefused()
    {
        var requests = new RecordingHttpClients();
        using var client = BlobBackend.CreateClient(Options, requests);
        using var store = new S3BlobStore(client, Options);
        var key = "test-" + Guid.NewGuid().ToString("N")[..12] + "/digits";
        await store.PutAsync(key, new MemoryStream("0123456789"u8.ToArray()));

        requests.Seen.Clear();
        await using (var middle = (await store.OpenReadAsync(key, new ByteRange(3, 4)))!)
        {
            Assert.Equal((3L, 4L, 10L), (middle.Offset, middle.Length, middle.TotalLength));
            Assert.Equal("3456", System.Text.Encoding.ASCII.GetString(await ReadAllAsync(middle)));
        }

        Assert.Equal(["GET"], requests.Seen.Select(r => r.Method));
        await using (var tail = (await store.OpenReadAsync(key, new ByteRange(8, 100)))!)
        {
            Assert.Equal((8L, 2L, 10L), (tail.Offset, tail.Length, tail.TotalLength));
        }

        await Assert.ThrowsAsync<BlobRangeException>(() => store.OpenReadAsync(key, new ByteRange(10)));
        Assert.Null(await store.OpenReadAsync(key + "-missing", new ByteRange(0, 1)));
    }

    [Fact]
    public async Task ALargeBody_IsReadInLargePieces_NotInTheSdksDefault8KiBOnes()
    {
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        var key = "test-" + Guid.NewGuid().ToString("N")[..12] + "/large";
        var body = new ReadCountingStream(data);

        await _store.PutAsync(key, body);

        // Read to sign (the SDK's hash reads its own 4 KiB pieces, not a setting) and to send, where
        // each piece is a socket write or more: what is sent is read in pieces of 1 MiB, where it was
        // 8 KiB ones. Only the sending is ours to check: at least the whole body in large pieces.
        var inLargePieces = body.BytesReadInPiecesOfAtLeast(1024 * 1024);
        Assert.True(inLargePieces >= data.Length, $"{inLargePieces:N0} of the {body.BytesRead:N0} bytes read were read in pieces of 1 MiB or more; the body is {data.Length:N0}.");
        Assert.Equal(data, await ReadBackAsync(_store, key));
    }

    private static async Task<byte[]> ReadBackAsync(S3BlobStore store, string key)
    {
        await using var content = (await store.OpenReadAsync(key))!;
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// A body that notes each read made of it: the piece asked for, and the bytes it got. Only the
    /// synchronous reads are noted: a MemoryStream's asynchronous ones call them (noting both would
    /// count every async read twice).
    /// </summary>
    private sealed class ReadCountingStream(byte[] data) : MemoryStream(data, writable: false)
    {
        private readonly ConcurrentQueue<(int Asked, int Read)> _reads = new();

        public long BytesRead => _reads.Sum(r => (long)r.Read);

        public long BytesReadInPiecesOfAtLeast(int size) => _reads.Where(r => r.Asked >= size).Sum(r => (long)r.Read);

        public override int Read(byte[] buffer, int offset, int count) => Noted(count, base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Noted(buffer.Length, base.Read(buffer));

        private int Noted(int asked, int read)
        {
            _reads.Enqueue((asked, read));
            return read;
        }
    }

    /// <summary>The S3 client's HTTP requests, method and query, as they go out.</summary>
    private sealed class RecordingHttpClients : HttpClientFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Method, string Query)> Seen { get; } = new();

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Recording(Seen, new HttpClientHandler()));

        private sealed class Recording(System.Collections.Concurrent.ConcurrentQueue<(string Method, string Query)> seen, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                seen.Enqueue((request.Method.Method, request.RequestUri!.Query));
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        _client.Dispose();
    }
}
