namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// The shared-state port, broadcast half: fire-and-forget publish/subscribe for cache invalidation
/// and presence. A subscriber that is not connected misses the message; for delivery guarantees
/// use the messaging port.
/// </summary>
public interface ICacheChannels
{
    /// <summary>Sends <paramref name="message"/> to every current subscriber of <paramref name="channel"/>, on every host.</summary>
    Task PublishAsync(string channel, string message, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every message on <paramref name="channel"/> until the result is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default);
}
