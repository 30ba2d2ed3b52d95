using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.RateLimiting.Tests;

/// <summary>
/// Decisions over several limits at once (per user, per path, global), run against both stores: a
/// request is admitted only when every limit admits it, and a refusal spends nothing from the others.
/// </summary>
public abstract class StoreContract
{
    private static readonly RateLimit TenPerHour = new(10, TimeSpan.FromHours(1));
    private static readonly RateLimit TwoPerHour = new(2, TimeSpan.FromHours(1));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A fresh store whose keys no other test shares.</summary>
    protected abstract IRateLimitStore Create(TimeProvider time);

    [Theory]
    [MemberData(nameof(AlgorithmContract.AllAlgorithms), MemberType = typeof(AlgorithmContract))]
    public async Task ARefusalByOneLimit_SpendsNothingFromTheOthers(string algorithm)
    {
        var store = Create(_time);
        RateLimitCharge[] request = [new(algorithm, TenPerHour, "user:alice"), new("fixed-window", TwoPerHour, "path:/export")];

        var first = await store.AcquireAllAsync(request, canWait: true);
        var second = await store.AcquireAllAsync(request, canWait: true);
        var third = await store.AcquireAllAsync(request, canWait: true);

        Assert.All(first.Concat(second), d => Assert.True(d.Allowed));
        Assert.True(third[0].Allowed, "the user limit alone would admit it");
        Assert.False(third[1].Allowed);
        // Alice spent 2 of 10, not 3: the refused request took nothing from her budget.
        var alone = await store.AcquireAllAsync([new(algorithm, TenPerHour, "user:alice", Cost: 8)], canWait: true);
        Assert.True(alone[0].Allowed);
        Assert.False((await store.AcquireAllAsync([new(algorithm, TenPerHour, "user:alice")], canWait: true))[0].Allowed);
    }

    [Fact]
    public async Task EveryLimitThatAdmits_Spends_AndReportsItsOwnRemaining()
    {
        var store = Create(_time);
        RateLimitCharge[] request = [new("sliding-log", TenPerHour, "user:alice", Cost: 3), new("token-bucket", TwoPerHour, "tenant:acme")];

        var decisions = await store.AcquireAllAsync(request);

        Assert.Equal([true, true], decisions.Select(d => d.Allowed));
        Assert.Equal(7, decisions[0].Remaining);
        Assert.Equal(10, decisions[0].Limit);
        Assert.Equal(1, decisions[1].Remaining);
        Assert.Equal(2, decisions[1].Limit);
    }

    [Fact]
    public async Task TwoChargesOnOneKey_SpendTheirSum()
    {
        var store = Create(_time);
        RateLimitCharge[] request = [new("fixed-window", TenPerHour, "global", Cost: 4), new("fixed-window", TenPerHour, "global", Cost: 4)];

        Assert.All(await store.AcquireAllAsync(request), d => Assert.True(d.Allowed));
        Assert.All(await store.AcquireAllAsync(request), d => Assert.False(d.Allowed));
        Assert.True((await store.AcquireAllAsync([new("fixed-window", TenPerHour, "global", Cost: 2)]))[0].Allowed);
    }

    [Fact]
    public async Task NoCharges_DecideNothing() => Assert.Empty(await Create(_time).AcquireAllAsync([]));

    [Fact]
    public async Task AnUnknownAlgorithm_IsRefusedWithTheList()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Create(_time).AcquireAllAsync([new("random-drop", TenPerHour, "k")]));
        Assert.Contains("sliding-window", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlgorithmContract.AllAlgorithms), MemberType = typeof(AlgorithmContract))]
    public async Task SixtyFourParallelClients_UnderAGlobalAndAPerUserLimit_GetExactlyTheTighterOne(string algorithm)
    {
        var store = Create(TimeProvider.System);
        var perUser = new RateLimit(1000, TimeSpan.FromHours(1));
        var global = new RateLimit(200, TimeSpan.FromHours(1));
        var admitted = new int[4];
        await Task.WhenAll(Enumerable.Range(0, 64).Select(client => Task.Run(async () =>
        {
            var user = client % admitted.Length;
            for (var i = 0; i < 10; i++)
            {
                var decisions = await store.AcquireAllAsync([new(algorithm, perUser, $"user:{user}"), new(algorithm, global, "global")], canWait: true);
                if (decisions.All(d => d.Allowed))
                {
                    Interlocked.Increment(ref admitted[user]);
                }
            }
        })));

        Assert.Equal(200, admitted.Sum());
        // The per-user budgets were spent by exactly the admitted requests, no more.
        for (var user = 0; user < admitted.Length; user++)
        {
            var remaining = (await store.AcquireAllAsync([new(algorithm, perUser, $"user:{user}", Cost: 1000 - admitted[user])], canWait: true))[0];
            Assert.True(remaining.Allowed, $"user {user} was charged for refused requests");
        }
    }
}
