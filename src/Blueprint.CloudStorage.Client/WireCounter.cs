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
