namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// The shared-state port, key-value half: values with a time to live, atomic counters and
/// compare-and-set. In-process by default; Redis when configured, so every host sees the same state.
/// </summary>
public interface ICacheStore
{
    /// <summary>The value under <paramref name="key"/>, or null when absent or expired.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/>, replacing any value and its expiry.</summary>
    Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> only if the key is absent; true when this call stored it (a lease or a lock).</summary>
    Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value only if it currently equals <paramref name="expected"/> (null: only if absent).
    /// True when the swap happened.
    /// </summary>
    Task<bool> CompareAndSetAsync(string key, ReadOnlyMemory<byte>? expected, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the key; true when it existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically adds <paramref name="by"/> to the counter and returns the new value. A counter that
    /// did not exist starts at zero and gets <paramref name="expireAfterCreate"/>, which later increments keep.
    /// </summary>
    Task<long> IncrementAsync(string key, long by = 1, TimeSpan? expireAfterCreate = null, CancellationToken cancellationToken = default);

    /// <summary>The remaining time to live, or null when the key is absent or never expires.</summary>
    Task<TimeSpan?> GetTimeToLiveAsync(string key, CancellationToken cancellationToken = default);
}
