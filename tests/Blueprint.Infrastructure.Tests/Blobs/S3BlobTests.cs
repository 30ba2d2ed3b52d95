using Amazon.Runtime;
using Amazon.S3;
using Blueprint.Infrastructure.Backends;
using Blueprint.Infrastructure.Blobs;
using Blueprint.Testing;

namespace Blueprint.Infrastructure.Tests.Blobs;

public sealed class S3BlobTests : BlobContractTests, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3BlobStore _store;

    public S3BlobTests()
    {
        var options = new S3BlobOptions { ServiceUrl = RealEngines.S3, Bucket = "blueprint-tests", AccessKey = "S3RVER", SecretKey = "S3RVER", PartSizeBytes = PartSize };
        _client = BlobBackend.CreateClient(options);
        _store = new S3BlobStore(_client, options);
    }

    protected override IBlobStore Store => _store;

    // s3rver (the S3 server of the test run) is not atomic under racing overwrites of one key.
    protected override bool OverwritesAtomically => false;

    [Fact]
    public async Task ASeekableBodyWithinTheLimit_IsOnePut_AndAForwardOnlyOneIsSentInParts()
    {
        var requests = new RecordingHttpClients();
        var options = new S3BlobOptions { ServiceUrl = RealEngines.S3, Bucket = "blueprint-tests", AccessKey = "S3RVER", SecretKey = "S3RVER", PartSizeBytes = PartSize };
        using var client = BlobBackend.CreateClient(options, requests);
        using var store = new S3BlobStore(client, options);
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

    private static async Task<byte[]> ReadBackAsync(S3BlobStore store, string key)
    {
        await using var content = (await store.OpenReadAsync(key))!;
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
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
