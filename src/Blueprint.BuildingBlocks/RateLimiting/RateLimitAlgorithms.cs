namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>The five algorithms of seed 003 §4 by name.</summary>
public static class RateLimitAlgorithms
{
    /// <summary>The names, as rules files and the Redis scripts spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["token-bucket", "leaking-bucket", "fixed-window", "sliding-log", "sliding-window"];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/>.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>Refuses a name that is not one of <see cref="Names"/>, listing them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No algorithm has that name.</exception>
    public static void ThrowIfUnknown(string name, string parameterName)
    {
        if (!IsKnown(name))
        {
            throw new ArgumentOutOfRangeException(parameterName, name, $"Algorithms: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>The in-process algorithm called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No algorithm has that name; the message lists them.</exception>
    public static IBatchableAlgorithm Create(string name, RateLimit limit, TimeProvider? time = null)
    {
        ThrowIfUnknown(name, nameof(name));
        return name switch
        {
            "token-bucket" => new TokenBucket(limit, time),
            "leaking-bucket" => new LeakingBucket(limit, time),
            "fixed-window" => new FixedWindow(limit, time),
            "sliding-log" => new SlidingWindowLog(limit, time),
            "sliding-window" => new SlidingWindowCounter(limit, time),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }
}
