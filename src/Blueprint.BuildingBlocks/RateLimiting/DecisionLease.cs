using System.Threading.RateLimiting;

namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// A lease carrying the decision, with <see cref="MetadataName.RetryAfter"/> on refusals. Admissions
/// share one lease, as the framework's limiters do, so the hot path allocates nothing; ask the
/// algorithm itself when the remaining budget matters.
/// </summary>
public sealed class DecisionLease(RateLimitDecision decision) : RateLimitLease
{
    internal static DecisionLease Probe { get; } = new(new RateLimitDecision(true, 0, 0, TimeSpan.Zero, TimeSpan.Zero));

    /// <summary>The lease for <paramref name="decision"/>: the shared one when admitted, its own when refused.</summary>
    public static RateLimitLease For(RateLimitDecision decision) => decision.Allowed ? Probe : new DecisionLease(decision);

    /// <summary>The decision behind the lease: limit, remaining, reset, retry-after.</summary>
    public RateLimitDecision Decision { get; } = decision;

    /// <inheritdoc />
    public override bool IsAcquired => Decision.Allowed;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => Decision.Allowed ? [] : [MetadataName.RetryAfter.Name];

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!Decision.Allowed && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = Decision.RetryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
