using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Blueprint.Infrastructure.Blobs;

/// <summary>
/// The real blob engine: an S3-compatible bucket. Objects up to one part, and seekable bodies up to
/// <see cref="S3BlobOptions.SinglePutMaxBytes"/>, are a single PUT; larger ones a multipart upload
/// that streams one part at a time, so memory stays at one part whatever the object's size, and an
/// abandoned upload is aborted rather than left half-written.
/// </summary>
internal sealed class S3BlobStore(IAmazonS3 client, S3BlobOptions options) : IBlobStore, IDisposable
{
    private const int MinimumPartSize = 5 * 1024 * 1024;

    private readonly string _bucket = options.Bucket;
    private readonly int _partSize = Math.Max(MinimumPartSize, options.PartSizeBytes);
    private readonly long _singlePutMax = options.SinglePutMaxBytes;
    private readonly SemaphoreSlim _bucketCheck = new(1, 1);
    private volatile bool _bucketReady;

    public async Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        await EnsureBucketAsync(cancellationToken);
        if (content.CanSeek && content.Position == 0 && content.Length <= _singlePutMax)
        {
            // Sent as it is: no copy into a part buffer, and no multipart upload to assemble (a 32 MiB
            // pack was an initiate, four parts and a complete, and the server copies parts to join them).
            await client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = content, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
            return await GetInfoAsync(key, cancellationToken) ?? throw new IOException($"Object '{key}' vanished right after it was written.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var first = await content.ReadAtLeastAsync(buffer.AsMemory(0, _partSize), _partSize, throwOnEndOfStream: false, cancellationToken);
            if (first < _partSize)
            {
                using var body = new MemoryStream(buffer, 0, first, writable: false);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
            }
            else
            {
                await PutMultipartAsync(key, content, buffer, first, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return await GetInfoAsync(key, cancellationToken) ?? throw new IOException($"Object '{key}' vanished right after it was written.");
    }

    private async Task PutMultipartAsync(string key, Stream content, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            while (filled > 0)
            {
                using var body = new MemoryStream(buffer, 0, filled, writable: false);
                var part = await client.UploadPartAsync(
                    new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartNumber = parts.Count + 1, InputStream = body, PartSize = filled, UseChunkEncoding = false },
                    cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, _partSize), _partSize, throwOnEndOfStream: false, cancellationToken);
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            await TryAbortAsync(key, upload.UploadId);
            throw;
        }
    }

    // The original failure is what the caller needs; an abort that fails too (some S3-compatible servers
    // lack it) leaves parts that a bucket lifecycle rule for incomplete uploads reclaims.
    private async Task TryAbortAsync(string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (AmazonS3Exception)
        {
        }
    }

    // One GET, no HEAD first: the object's size comes back in Content-Range, and a range past its end
    // is the server's 416. (A download of 1 GiB reads some 260 ranges of packs; each was two requests.)
    public async Task<BlobContent?> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        range.CheckArguments();
        await EnsureBucketAsync(cancellationToken);
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (range is { } asked)
        {
            request.ByteRange = new Amazon.S3.Model.ByteRange($"bytes={asked.Offset}-{(asked.Length is { } length ? (asked.Offset + length - 1).ToString(CultureInfo.InvariantCulture) : "")}");
        }

        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new BlobRangeException($"The range starts at byte {range!.Value.Offset}, past the end of '{key}'.");
        }

        var (offset, total) = (0L, response.ContentLength);
        if (range is not null && !TryParseContentRange(response.ContentRange, out offset, out total))
        {
            response.Dispose();
            throw new IOException($"The S3 server answered a ranged read of '{key}' without a Content-Range ('{response.ContentRange}').");
        }

        return new BlobContent(new BoundedReadStream(response.ResponseStream, response.ContentLength, response), offset, response.ContentLength, total);
    }

    // "bytes 3-6/10": the first byte and the object's size.
    private static bool TryParseContentRange(string? contentRange, out long first, out long total)
    {
        (first, total) = (0, 0);
        var text = contentRange.AsSpan().Trim();
        var (dash, slash) = (text.IndexOf('-'), text.IndexOf('/'));
        return text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase) && dash > 6 && slash > dash
            && long.TryParse(text[6..dash], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out total);
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var metadata = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return new BlobInfo(key, metadata.ContentLength, LastModified(metadata.LastModified));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        // S3 answers 204 whether or not the object existed; the HEAD tells the caller which.
        if (await GetInfoAsync(key, cancellationToken) is null)
        {
            return false;
        }

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        await EnsureBucketAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new BlobInfo(item.Key, item.Size ?? 0, LastModified(item.LastModified));
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        _bucketReady = false;
        await EnsureBucketAsync(cancellationToken);
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketCheck.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady)
            {
                var buckets = await client.ListBucketsAsync(cancellationToken);
                if (buckets.Buckets?.Any(b => b.BucketName == _bucket) != true)
                {
                    await client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, cancellationToken);
                }

                _bucketReady = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }

    public void Dispose() => _bucketCheck.Dispose();

    private static DateTimeOffset LastModified(DateTime? value) =>
        value is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
}
