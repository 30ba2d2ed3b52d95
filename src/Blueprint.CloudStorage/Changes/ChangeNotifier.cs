using System.Collections.Concurrent;
using Blueprint.Infrastructure.Caching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.CloudStorage.Changes;

/// <summary>
/// Wakes the long polls and event streams of a namespace when it changes (000 §7.4), on every host:
/// a commit publishes "namespace changed" on the cache port's channel (Redis pub/sub when
/// configured), and each host wakes its own waiters. Pub/sub may drop a message, so waiters also
/// look at the database every few seconds: a lost message delays a notice, never loses it.
/// </summary>
internal sealed partial class ChangeNotifier(ICacheChannels channels, ILogger<ChangeNotifier> logger) : IHostedService, IAsyncDisposable
{
    private const string Channel = "cloud-storage:changes";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private IAsyncDisposable? _subscription;

    /// <summary>How often a waiter re-reads the database in case a message was lost.</summary>
    public static TimeSpan Recheck { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A task that completes at the namespace's next change announced to this host. Take it before reading the database.</summary>
    public Task NextChange(string namespaceId) =>
        _waiters.GetOrAdd(namespaceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Announces a committed change to every host.</summary>
    public async Task PublishAsync(string namespaceId)
    {
        Wake(namespaceId);
        try
        {
            await channels.PublishAsync(Channel, namespaceId);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            PublishFailed(error);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _subscription = await channels.SubscribeAsync(Channel, namespaceId =>
            {
                Wake(namespaceId);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            PublishFailed(error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private void Wake(string namespaceId)
    {
        if (_waiters.TryRemove(namespaceId, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notices could not cross hosts; waiters fall back to re-reading the database every few seconds.")]
    private partial void PublishFailed(Exception error);
}
