namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// The shared-state port, sorted-set half: members ordered by score (leaderboards, sliding-window
/// logs, feeds, presence by last-seen time). Ties are ordered by member, ordinally.
/// </summary>
public interface ISortedSetStore
{
    /// <summary>Adds the member or updates its score; true when it was new.</summary>
    Task<bool> SortedSetAddAsync(string key, string member, double score, CancellationToken cancellationToken = default);

    /// <summary>Removes the member; true when it was there.</summary>
    Task<bool> SortedSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default);

    /// <summary>The member's score, or null when absent.</summary>
    Task<double?> SortedSetScoreAsync(string key, string member, CancellationToken cancellationToken = default);

    /// <summary>The number of members.</summary>
    Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Members with <paramref name="min"/> ≤ score ≤ <paramref name="max"/>, lowest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByScoreAsync(string key, double min, double max, int take = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Members at ranks <paramref name="start"/>..<paramref name="stop"/> inclusive (lowest score first, or highest when <paramref name="descending"/>).</summary>
    Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByRankAsync(string key, long start, long stop, bool descending = false, CancellationToken cancellationToken = default);

    /// <summary>Removes members with <paramref name="min"/> ≤ score ≤ <paramref name="max"/>; returns how many.</summary>
    Task<long> SortedSetRemoveRangeByScoreAsync(string key, double min, double max, CancellationToken cancellationToken = default);

    /// <summary>Sets the whole set to expire after <paramref name="timeToLive"/>; false when the key is absent.</summary>
    Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}
