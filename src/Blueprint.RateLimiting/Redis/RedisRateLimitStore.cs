using System.Globalization;
using Blueprint.BuildingBlocks.RateLimiting;
using StackExchange.Redis;

namespace Blueprint.RateLimiting.Redis;

/// <summary>
/// Rate-limit state in Redis, shared by every host: each decision — over one limit or several — is
/// one Lua script, which Redis runs atomically, so parallel clients can never both spend the last
/// unit (the seed's "prevent lost update"), and a refusal by one limit spends nothing from the
/// others. The scripts mirror the in-process algorithms line for line; one contract suite runs
/// against both. On Redis Cluster every key of one decision must hash to one slot: put a hash tag
/// (<c>{...}</c>) in the prefix.
/// </summary>
/// <param name="database">Where the state lives.</param>
/// <param name="time">A clock to decide by; null uses the Redis server's clock, which all hosts share.</param>
/// <param name="prefix">Prefix of the Redis keys, so several services can share one database.</param>
public sealed class RedisRateLimitStore(IDatabase database, TimeProvider? time = null, string prefix = "rl:") : IRateLimitStore
{
    private const int ReplyWidth = 5;

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision[]> AcquireAllAsync(IReadOnlyList<RateLimitCharge> charges, bool canWait = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return [];
        }

        var (merged, slotOf) = Merge(charges);
        var keys = new RedisKey[merged.Count * 2];
        var arguments = new RedisValue[2 + (merged.Count * 4)];
        arguments[0] = time is null ? RedisValue.EmptyString : Format((time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds);
        arguments[1] = canWait ? 1 : 0;
        for (var i = 0; i < merged.Count; i++)
        {
            var charge = merged[i];
            var state = prefix + charge.Algorithm + ":" + charge.Key;
            keys[2 * i] = state;
            keys[(2 * i) + 1] = state + ":seq";
            arguments[2 + (4 * i)] = charge.Algorithm;
            arguments[3 + (4 * i)] = charge.Limit.Limit;
            arguments[4 + (4 * i)] = Format(charge.Limit.Window.TotalMilliseconds);
            arguments[5 + (4 * i)] = charge.Cost;
        }

        var reply = (RedisResult[])(await database.ScriptEvaluateAsync(LuaScripts.Decide, keys, arguments).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        var decisions = new RateLimitDecision[charges.Count];
        for (var i = 0; i < charges.Count; i++)
        {
            var at = slotOf[i] * ReplyWidth;
            var retry = (long)reply[at + 3];
            decisions[i] = new RateLimitDecision(
                (long)reply[at] == 1,
                charges[i].Limit.Limit,
                (long)reply[at + 1],
                TimeSpan.FromMilliseconds((long)reply[at + 2]),
                retry < 0 ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(retry),
                TimeSpan.FromMilliseconds((long)reply[at + 4]));
        }

        return decisions;
    }

    // Two charges on one state are one charge of their summed cost: checked separately, each would
    // see the state without the other's spending.
    private static (List<RateLimitCharge> Merged, int[] SlotOf) Merge(IReadOnlyList<RateLimitCharge> charges)
    {
        var merged = new List<RateLimitCharge>(charges.Count);
        var slotOf = new int[charges.Count];
        for (var i = 0; i < charges.Count; i++)
        {
            var charge = Validated(charges[i]);
            var slot = merged.FindIndex(m => m.Algorithm == charge.Algorithm && m.Key == charge.Key);
            if (slot < 0)
            {
                slotOf[i] = merged.Count;
                merged.Add(charge);
            }
            else if (merged[slot].Limit != charge.Limit)
            {
                throw new ArgumentException($"Two different limits on one key ({charge.Algorithm} {charge.Key}) would share one state in Redis.", nameof(charges));
            }
            else
            {
                slotOf[i] = slot;
                merged[slot] = merged[slot] with { Cost = merged[slot].Cost + charge.Cost };
            }
        }

        return (merged, slotOf);
    }

    private static RateLimitCharge Validated(RateLimitCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge.Key, nameof(charge));
        ArgumentNullException.ThrowIfNull(charge.Limit, nameof(charge));
        charge.Limit.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(charge.Cost, 1, nameof(charge));
        RateLimitAlgorithms.ThrowIfUnknown(charge.Algorithm, nameof(charge));
        return charge;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
