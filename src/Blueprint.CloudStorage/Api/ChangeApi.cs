using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Blueprint.CloudStorage.Changes;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.Namespaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Api;

/// <summary>
/// Sync's side of the API: a cursor per device over the namespace's change journal, and the two
/// ways to hear of a change (000 §7.4): a long poll that answers as soon as the namespace changes
/// (or at its timeout), and a stream of server-sent events.
/// </summary>
internal static class ChangeApi
{
    private const int MaxPage = 2000;
    private static readonly TimeSpan MaxStream = TimeSpan.FromHours(1);

    public static void MapChangeApi(this RouteGroupBuilder ns)
    {
        ns.MapGet("/changes", ChangesAsync).WithName("ListChanges")
            .WithSummary("Files changed after the cursor (0: everything), each once in its latest state, deletions included. reset means: forget what you had and take this as the whole list.");
        ns.MapGet("/changes/latest", LatestAsync).WithName("LatestCursor").WithSummary("A cursor from which only later changes are listed.");
        ns.MapGet("/changes/poll", PollAsync).WithName("PollChanges").WithSummary("Long poll: answers as soon as the namespace changes after the cursor, or after timeout seconds with changes=false.");
        ns.MapGet("/changes/stream", Stream).WithName("StreamChanges").WithSummary("Server-sent events: a 'change' event with the latest cursor whenever the namespace changes after the cursor.");
    }

    private static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> ChangesAsync(
        HttpContext http, FileStore files, CancellationToken cancellationToken, long cursor = 0, int limit = 500)
    {
        var space = http.Namespace();
        if (cursor < 0 || limit is < 1 or > MaxPage)
        {
            return StorageProblems.Invalid($"cursor is 0 or a cursor this API gave; limit is from 1 to {MaxPage}.");
        }

        var page = await files.ChangesAsync(space, cursor, limit, cancellationToken);
        return TypedResults.Ok(new ChangesResponse([.. page.Entries.Select(x => x.ToResponse())], page.Cursor, page.HasMore, page.Reset));
    }

    private static async Task<Ok<LongPollResponse>> LatestAsync(HttpContext http, FileStore files, CancellationToken cancellationToken) =>
        TypedResults.Ok(new LongPollResponse(false, await files.LatestCursorAsync(http.Namespace(), cancellationToken)));

    private static async Task<Results<Ok<LongPollResponse>, ProblemHttpResult>> PollAsync(
        long cursor, HttpContext http, FileStore files, ChangeNotifier notifier, IOptions<CloudStorageOptions> options, TimeProvider time,
        CancellationToken cancellationToken, int timeout = 30)
    {
        var space = http.Namespace();
        var max = (int)options.Value.MaxLongPoll.TotalSeconds;
        if (cursor < 0 || timeout < 1 || timeout > max)
        {
            return StorageProblems.Invalid($"cursor is a cursor this API gave; timeout is from 1 to {max} seconds.");
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(timeout);
        while (true)
        {
            var next = notifier.NextChange(space.Id);
            var latest = await files.LatestCursorAsync(space, cancellationToken);
            var left = deadline - time.GetUtcNow();
            if (latest > cursor || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new LongPollResponse(latest > cursor, latest));
            }

            await WaitAsync(next, Min(left, ChangeNotifier.Recheck), time, cancellationToken);
        }
    }

    private static ServerSentEventsResult<LongPollResponse> Stream(
        HttpContext http, FileStore files, ChangeNotifier notifier, TimeProvider time, CancellationToken cancellationToken, long cursor = -1) =>
        TypedResults.ServerSentEvents(Events(http.Namespace(), cursor, files, notifier, time, cancellationToken));

    // Ends after an hour so no connection is held for ever; EventSource reconnects by itself.
    private static async IAsyncEnumerable<SseItem<LongPollResponse>> Events(
        StorageNamespace ns, long cursor, FileStore files, ChangeNotifier notifier, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = time.GetUtcNow() + MaxStream;
        if (cursor < 0)
        {
            cursor = await files.LatestCursorAsync(ns, cancellationToken);
            yield return new SseItem<LongPollResponse>(new LongPollResponse(false, cursor), "ready");
        }

        while (!cancellationToken.IsCancellationRequested && time.GetUtcNow() < end)
        {
            var next = notifier.NextChange(ns.Id);
            var latest = await files.LatestCursorAsync(ns, cancellationToken);
            if (latest > cursor)
            {
                cursor = latest;
                yield return new SseItem<LongPollResponse>(new LongPollResponse(true, latest), "change") { EventId = latest.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            await WaitAsync(next, ChangeNotifier.Recheck, time, cancellationToken);
        }
    }

    private static async Task WaitAsync(Task change, TimeSpan atMost, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(atMost, time, timeout.Token);
        await Task.WhenAny(change, delay);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
