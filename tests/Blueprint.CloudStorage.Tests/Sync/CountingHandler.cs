using System.Net;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>Counts the body bytes a client sends and receives: what a sync costs on the wire.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private long _sent;
    private long _received;

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            Interlocked.Add(ref _sent, request.Content.Headers.ContentLength ?? 0);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Interlocked.Add(ref _received, response.Content.Headers.ContentLength ?? 0);
        return response;
    }
}

/// <summary>A new user with an API key, for clients that sign in the way the CLI does.</summary>
internal static class ApiKeys
{
    public static async Task<string> CreateAsync(HttpClient http)
    {
        var user = await SignedInClient.SignUpAsync(http);
        return (await user.JsonAsync(HttpMethod.Post, "/api/identity/api-keys", new { name = "sync" }, HttpStatusCode.Created)).GetProperty("secret").GetString()!;
    }
}
