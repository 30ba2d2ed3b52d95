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

    public void Dispose()
    {
        _store.Dispose();
        _client.Dispose();
    }
}
