using System.Diagnostics.Metrics;

namespace Blueprint.UrlShortener.Keys;

/// <summary>
/// Key-space telemetry in /metrics: keys issued per design, collisions (the hash design's rehashes),
/// key ranges claimed (design a), links retired at their expiry, and — sampled by
/// <see cref="Links.LinkMaintenance"/> — keys remaining and free ranges.
/// </summary>
internal sealed class KeyMetrics
{
    public const string MeterName = "Blueprint.UrlShortener";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _collisions;
    private readonly Counter<long> _rangesClaimed;
    private readonly Counter<long> _expired;
    private KeySpace? _space;

    public KeyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _issued = meter.CreateCounter<long>("blueprint.urls.keys.issued", "{key}", "Short keys stored, per key design.");
        _collisions = meter.CreateCounter<long>("blueprint.urls.keys.collisions", "{collision}", "Candidate keys found taken and replaced, per key design.");
        _rangesClaimed = meter.CreateCounter<long>("blueprint.urls.keys.ranges_claimed", "{range}", "Key ranges this host claimed (design key-ranges).");
        _expired = meter.CreateCounter<long>("blueprint.urls.links.expired", "{link}", "Links this host retired because their expiry passed.");
        meter.CreateObservableGauge("blueprint.urls.keys.remaining", ObserveRemaining, "{key}", "Keys the design can still issue at its current key length (not reported for unique-id, which is bounded by time).");
        meter.CreateObservableGauge("blueprint.urls.keys.ranges_free", ObserveFreeRanges, "{range}", "Generated key ranges no host has claimed yet (design key-ranges).");
    }

    public void Issued(string design) => _issued.Add(1, new KeyValuePair<string, object?>("design", design));

    public void Collision(string design) => _collisions.Add(1, new KeyValuePair<string, object?>("design", design));

    public void RangeClaimed() => _rangesClaimed.Add(1);

    public void Expired(int links) => _expired.Add(links);

    /// <summary>The latest count of the key space, published until the next one.</summary>
    public void Sampled(KeySpace space) => _space = space;

    /// <summary>The count the gauges publish now; null before the first.</summary>
    public KeySpace? LastSample => _space;

    private IEnumerable<Measurement<long>> ObserveRemaining() =>
        _space is { Remaining: { } remaining } space ? [new(remaining, new KeyValuePair<string, object?>("design", space.Design))] : [];

    private IEnumerable<Measurement<long>> ObserveFreeRanges() =>
        _space is { FreeRanges: { } free } ? [new(free)] : [];
}
