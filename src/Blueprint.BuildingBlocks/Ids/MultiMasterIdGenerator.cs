namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// Multi-master replication's auto-increment (seed 003 §7): k servers, server i issuing i, i+k, i+2k, …
/// Unique without coordination, but not sortable by time across servers, and adding a server
/// changes k for everyone, which is why the seed moves on.
/// </summary>
public sealed class MultiMasterIdGenerator : IIdGenerator<long>
{
    private readonly long _step;
    private long _next;

    /// <summary>Server <paramref name="serverIndex"/> of <paramref name="serverCount"/>.</summary>
    /// <param name="serverIndex">This server's index, 0 to <paramref name="serverCount"/> − 1.</param>
    /// <param name="serverCount">k, the number of servers and so the step.</param>
    /// <param name="issuedBefore">How many IDs this server issued before (its persisted counter).</param>
    public MultiMasterIdGenerator(int serverIndex, int serverCount, long issuedBefore = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(serverIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(serverIndex, serverCount);
        ArgumentOutOfRangeException.ThrowIfNegative(issuedBefore);
        _step = serverCount;
        // Start at 1 rather than 0, as database auto-increment does.
        _next = serverIndex + 1 + (issuedBefore * serverCount) - serverCount;
    }

    /// <inheritdoc />
    public string Scheme => "multi-master";

    /// <summary>Issues the next ID of this server.</summary>
    public long Next() => Interlocked.Add(ref _next, _step);

    /// <inheritdoc />
    public ValueTask<long> NextAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Next());
}
