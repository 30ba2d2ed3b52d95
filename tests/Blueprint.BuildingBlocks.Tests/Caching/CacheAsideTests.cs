using Blueprint.BuildingBlocks.Caching;

namespace Blueprint.BuildingBlocks.Tests.Caching;

public sealed class CacheAsideTests
{
    [Fact]
    public async Task HundredConcurrentMissesOnOneKey_RunTheLoaderOnce()
    {
        var cache = new CacheAside<string, string>(new BoundedCache<string, string>(EvictionPolicy.Lru, 10));
        var release = new TaskCompletionSource();
        var loaderCalls = 0;
        async Task<string> Load(string key, CancellationToken _)
        {
            Interlocked.Increment(ref loaderCalls);
            await release.Task;
            return key.ToUpperInvariant();
        }

        var go = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await cache.GetOrLoadAsync("hot", Load);
        })).ToList();
        go.SetResult();
        await Task.Delay(200);
        release.SetResult();
        var values = await Task.WhenAll(callers);

        Assert.All(values, v => Assert.Equal("HOT", v));
        Assert.Equal(1, loaderCalls);
        Assert.Equal(1, cache.Loads);
    }

    [Fact]
    public async Task FailedLoad_IsSeenByItsWaiters_AndRetriedByTheNextCall()
    {
        var cache = new CacheAside<int, int>(new BoundedCache<int, int>(EvictionPolicy.Lru, 10));
        var attempts = 0;
        Task<int> Load(int key, CancellationToken _) =>
            Interlocked.Increment(ref attempts) == 1 ? Task.FromException<int>(new TimeoutException("source down")) : Task.FromResult(key * 2);

        await Assert.ThrowsAsync<TimeoutException>(async () => await cache.GetOrLoadAsync(21, Load));
        Assert.Equal(42, await cache.GetOrLoadAsync(21, Load));
        Assert.Equal(42, await cache.GetOrLoadAsync(21, Load));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task OneCallerCancelling_DoesNotCancelTheSharedLoad()
    {
        var cache = new CacheAside<int, int>(new BoundedCache<int, int>(EvictionPolicy.Lru, 10));
        var release = new TaskCompletionSource<int>();
        using var impatient = new CancellationTokenSource();
        var first = cache.GetOrLoadAsync(1, (_, _) => release.Task, cancellationToken: impatient.Token).AsTask();
        var second = cache.GetOrLoadAsync(1, (_, _) => Task.FromResult(-1)).AsTask();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult(7);

        Assert.Equal(7, await second);
        Assert.True(cache.Cache.TryGet(1, out var cached) && cached == 7);
    }
}
