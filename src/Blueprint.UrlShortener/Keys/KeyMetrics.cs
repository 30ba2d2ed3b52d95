using System.Diagnostics.Metrics;

namespace Blueprint.UrlShortener.Keys;

/// <summary>
/// Key-space telemetry in /metrics: keys issued per design, collisions (the hash design's rehashes),
/// and key ranges claimed (design a).
/// </summary>
internal sealed class KeyMetrics
{
    public const string MeterName = "Blueprint.UrlShortener";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _collisions;
    private readonly Counter<long> _rangesClaimed;

    public KeyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _issued = meter.CreateCounter<long>("blueprint.urls.keys.issued", "{key}", "Short keys stored, per key design.");
        _collisions = meter.CreateCounter<long>("blueprint.urls.keys.collisions", "{collision}", "Candidate keys found taken and replaced, per key design.");
        _rangesClaimed = meter.CreateCounter<long>("blueprint.urls.keys.ranges_claimed", "{range}", "Key ranges this host claimed (design key-ranges).");
    }

    public void Issued(string design) => _issued.Add(1, new KeyValuePair<string, object?>("design", design));

    public void Collision(string design) => _collisions.Add(1, new KeyValuePair<string, object?>("design", design));

    public void RangeClaimed() => _rangesClaimed.Add(1);
}
