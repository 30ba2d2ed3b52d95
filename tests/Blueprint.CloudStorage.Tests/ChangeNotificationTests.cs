using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Blueprint.CloudStorage.Tests;

/// <summary>Changes announced by long polling and by server-sent events (000 §7.4), on one host and across two hosts sharing PostgreSQL and Redis.</summary>
public abstract class ChangeNotificationTests : IDisposable
{
    private readonly BlueprintFactory _first;
    private readonly BlueprintFactory _second;

    protected ChangeNotificationTests(Func<Dictionary<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _first = new BlueprintFactory(settings());
        _second = Shared ? new BlueprintFactory(settings()) : _first;
    }

    /// <summary>True when the two hosts share their engines, so a change on one must wake a poll on the other.</summary>
    protected virtual bool Shared => false;

    public void Dispose()
    {
        _first.Dispose();
        if (Shared)
        {
            _second.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ALongPoll_AnswersAsSoonAsTheNamespaceChanges()
    {
        var email = $"poll-{Guid.NewGuid():N}@example.com";
        var writer = new StorageClient(await SignedInClient.SignUpAsync(_first.CreateClient(), email));
        var watcher = new StorageClient(await SignedInClient.LogInAsync(_second.CreateClient(), email));
        var cursor = (await watcher.JsonAsync(HttpMethod.Get, "changes/latest")).GetProperty("cursor").GetInt64();

        var poll = watcher.JsonAsync(HttpMethod.Get, $"changes/poll?cursor={cursor}&timeout=60");
        await Poll.NeverAsync(() => poll.IsCompleted, "The long poll answered before anything changed", 300);
        await writer.PutAsync("new.txt", Encoding.UTF8.GetBytes("hello"));
        var answer = await poll.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(answer.GetProperty("changes").GetBoolean());
        Assert.True(answer.GetProperty("cursor").GetInt64() > cursor);
        var changes = await watcher.JsonAsync(HttpMethod.Get, $"changes?cursor={cursor}");
        Assert.Equal(["new.txt"], changes.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task ALongPollWithNothingNew_AnswersNoChangesAtItsTimeout_AndBadTimeoutsAreRefused()
    {
        var client = new StorageClient(await SignedInClient.SignUpAsync(_first.CreateClient()));
        var cursor = (await client.JsonAsync(HttpMethod.Get, "changes/latest")).GetProperty("cursor").GetInt64();

        var answer = await client.JsonAsync(HttpMethod.Get, $"changes/poll?cursor={cursor}&timeout=1");
        using var tooLong = await client.SendAsync(HttpMethod.Get, $"changes/poll?cursor={cursor}&timeout=3600");

        Assert.False(answer.GetProperty("changes").GetBoolean());
        Assert.Equal(cursor, answer.GetProperty("cursor").GetInt64());
        await StorageApiTests.ProblemAsync(tooLong, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ServerSentEvents_AnnounceEachChange()
    {
        var email = $"sse-{Guid.NewGuid():N}@example.com";
        var writer = new StorageClient(await SignedInClient.SignUpAsync(_first.CreateClient(), email));
        var watcher = new StorageClient(await SignedInClient.LogInAsync(_second.CreateClient(), email));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(watcher.Api("changes/stream"), UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await watcher.User.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var ready = await NextEventAsync(reader, cancel.Token);
        await writer.PutAsync("one.txt", Encoding.UTF8.GetBytes("1"));
        var first = await NextEventAsync(reader, cancel.Token);
        await writer.PutAsync("two.txt", Encoding.UTF8.GetBytes("2"));
        var second = await NextEventAsync(reader, cancel.Token);

        Assert.Equal("ready", ready.Event);
        Assert.Equal("change", first.Event);
        Assert.Equal("change", second.Event);
        Assert.True(second.Cursor > first.Cursor && first.Cursor > ready.Cursor);
    }

    private static async Task<(string Event, long Cursor)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        for (var lines = 0; lines < 100; lines++)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && data is not null)
            {
                return (name ?? "message", JsonDocument.Parse(data).RootElement.GetProperty("cursor").GetInt64());
            }
        }

        throw new InvalidOperationException("No event within 100 lines.");
    }
}

public sealed class EmbeddedChangeNotificationTests() : ChangeNotificationTests(() => []);

/// <summary>Two hosts on one PostgreSQL and one Redis: a commit on the first wakes a poll and a stream on the second.</summary>
public sealed class TwoHostChangeNotificationTests() : ChangeNotificationTests(() => RealEngineSettings.Postgres().WithRedis().WithS3())
{
    protected override bool Shared => true;
}
