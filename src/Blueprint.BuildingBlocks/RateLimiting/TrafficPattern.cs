namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>A traffic pattern to drive through the algorithms.</summary>
public enum TrafficPattern
{
    /// <summary>Requests evenly spaced at 1.5 × the limit.</summary>
    Steady,

    /// <summary>A burst of the whole limit just before a window edge and another just after it: the fixed window's weakness.</summary>
    EdgeBurst,

    /// <summary>A rate rising from nothing to 3 × the limit.</summary>
    Ramp,
}
