using System.Net;
using System.Text;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// Answers that are not the storage API's — a captive portal's page where the changes should be, a
/// proxy's error page for a refusal — are told apart from the server's own, never thrown as a JSON
/// parser's error that would stop the sync client.
/// </summary>
public sealed class ForeignAnswerTests
{
    private const string PortalPage = "<html><body>Sign in to the hotel's Wi-Fi</body></html>";

    private static HttpStorageRemote RemoteAnswering(HttpStatusCode status, string body) =>
        new(new HttpClient(new AnsweringHandler(status, body)) { BaseAddress = new Uri("http://storage.test/") }, "root", "laptop");

    [Fact]
    public async Task APageWhereTheChangesShouldBe_IsTheServerUnavailable()
    {
        var remote = RemoteAnswering(HttpStatusCode.OK, PortalPage);

        var unavailable = await Assert.ThrowsAsync<RemoteUnavailableException>(() => remote.ChangesAsync(0, CancellationToken.None));

        Assert.Contains("text/html", unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageWhereAWritesAnswerShouldBe_IsTheServerUnavailable()
    {
        var remote = RemoteAnswering(HttpStatusCode.Created, PortalPage);

        await Assert.ThrowsAsync<RemoteUnavailableException>(() => remote.CreateFolderAsync("docs", CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"outcome":"committed"}""")]
    [InlineData("""{"outcome":"committed","file":null,"files":[]}""")]
    public async Task AWriteAnswerNamingNoFile_IsTheServerUnavailable_NotANullTheEngineTripsOver(string answer)
    {
        var remote = new HttpStorageRemote(new HttpClient(new AnsweringHandler(HttpStatusCode.Created, answer, "application/json")) { BaseAddress = new Uri("http://storage.test/") }, "root", "laptop");

        var unavailable = await Assert.ThrowsAsync<RemoteUnavailableException>(() => remote.CreateFolderAsync("docs", CancellationToken.None));

        Assert.Contains("not the storage API's", unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProxysRefusalPage_IsARefusalCarryingThePage()
    {
        var remote = RemoteAnswering(HttpStatusCode.Conflict, PortalPage);

        var write = await remote.CreateFolderAsync("docs", CancellationToken.None);

        Assert.Equal(RemoteOutcome.Refused, write.Outcome);
        Assert.Contains("hotel", write.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProxysPageForAnUpload_IsAnError_NotAHashMismatch()
    {
        var remote = RemoteAnswering(HttpStatusCode.BadRequest, PortalPage);

        var unavailable = await Assert.ThrowsAsync<RemoteUnavailableException>(
            () => remote.UploadAsync(OneBlock(), CancellationToken.None));

        Assert.Contains("400", unavailable.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> OneBlock()
    {
        var bytes = Encoding.UTF8.GetBytes("a block");
        await Task.Yield();
        yield return (Blueprint.BuildingBlocks.Sync.BlockSeal.HashOf(bytes), bytes);
    }

    /// <summary>Answers every request alike, as a captive portal or a misconfigured proxy does.</summary>
    private sealed class AnsweringHandler(HttpStatusCode status, string body, string mediaType = "text/html") : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
        }
    }
}
