using System.Net;
using System.Net.Http.Headers;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// Counts what a client puts on the wire and takes off it: request and status lines, headers and
/// bodies (TCP and TLS framing aside). How <c>blueprint sync --stats</c> and the rsync comparison
/// in bench/ measure a sync's cost. Request bodies are counted as they stream out (an upload of any
/// size is never held in memory; chunked framing is not counted); responses are buffered to be counted.
/// </summary>
public sealed class WireCounter : DelegatingHandler
{
    private long _sent;
    private long _received;

    public WireCounter()
    {
    }

    public WireCounter(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        long sent = $"{request.Method} {request.RequestUri?.PathAndQuery} HTTP/1.1\r\n".Length + HeaderBytes(request.Headers) + 2;
        if (request.Content is { } content)
        {
            sent += HeaderBytes(content.Headers);
            request.Content = new CountedContent(content, bytes => Interlocked.Add(ref _sent, bytes));
        }

        Interlocked.Add(ref _sent, sent);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Interlocked.Add(ref _received, $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length + HeaderBytes(response.Headers) + HeaderBytes(response.Content.Headers) + 2 + (response.Content.Headers.ContentLength ?? 0));
        return response;
    }

    private static long HeaderBytes(HttpHeaders headers) => headers.Sum(h => h.Key.Length + 2 + string.Join(", ", h.Value).Length + 2);
}

/// <summary>Another content, sent as it is, telling how many body bytes went out.</summary>
internal sealed class CountedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action<long> _count;

    public CountedContent(HttpContent inner, Action<long> count)
    {
        (_inner, _count) = (inner, count);
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var counting = new CountingStream(stream, _count);
        await _inner.CopyToAsync(counting, context, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Disposing it leaves the transport's stream open: Stream's own Dispose does nothing else.
    private sealed class CountingStream(Stream inner, Action<long> count) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            count(buffer.Length);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            count(buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
