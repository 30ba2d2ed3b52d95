using StackExchange.Redis;
using RedisSortedSetEntry = StackExchange.Redis.SortedSetEntry;

namespace Blueprint.Infrastructure.Caching;

internal sealed partial class RedisCacheStore
{
    public async Task<bool> SortedSetAddAsync(string key, string member, double score, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).SortedSetAddAsync(key, member, score);

    public async Task<bool> SortedSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).SortedSetRemoveAsync(key, member);

    public async Task<double?> SortedSetScoreAsync(string key, string member, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).SortedSetScoreAsync(key, member);

    public async Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).SortedSetLengthAsync(key);

    public async Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByScoreAsync(string key, double min, double max, int take = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var entries = await (await connection.DatabaseAsync()).SortedSetRangeByScoreWithScoresAsync(
            key, min, max, Exclude.None, Order.Ascending, 0, take == int.MaxValue ? -1 : take);
        return ToEntries(entries);
    }

    public async Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByRankAsync(string key, long start, long stop, bool descending = false, CancellationToken cancellationToken = default)
    {
        var entries = await (await connection.DatabaseAsync()).SortedSetRangeByRankWithScoresAsync(
            key, start, stop, descending ? Order.Descending : Order.Ascending);
        return ToEntries(entries);
    }

    public async Task<long> SortedSetRemoveRangeByScoreAsync(string key, double min, double max, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).SortedSetRemoveRangeByScoreAsync(key, min, max);

    public async Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).KeyExpireAsync(key, Positive(timeToLive));

    private static SortedSetEntry[] ToEntries(RedisSortedSetEntry[] entries) =>
        Array.ConvertAll(entries, e => new SortedSetEntry(e.Element!, e.Score));
}
