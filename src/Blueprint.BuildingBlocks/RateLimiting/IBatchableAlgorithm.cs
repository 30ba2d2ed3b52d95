namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// An in-process algorithm that can take part in a decision over several limits: its keys' locks
/// can be held together, and it can check without spending. <see cref="RateLimitBatch"/> uses it.
/// </summary>
public interface IBatchableAlgorithm : IRateLimitAlgorithm
{
    /// <summary>A number unique to this instance, so locks across algorithms are always taken in one order.</summary>
    long Order { get; }

    /// <summary>The state of <paramref name="key"/>, created when new; its lock is <see cref="KeyState.Gate"/>.</summary>
    internal KeyState StateOf(string key);

    /// <summary>Decides with the key's lock held; with <paramref name="commit"/> false, spends nothing.</summary>
    internal RateLimitDecision DecideLocked(KeyState state, long cost, bool canWait, bool commit);
}
