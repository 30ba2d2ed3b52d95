namespace Blueprint.Capacity.Estimation;

/// <summary>How to round: as the seeds do on a whiteboard, or exactly.</summary>
public enum Rounding
{
    /// <summary>10^5 seconds a day (000 §2.1), 2·10^8 seconds in five years (000 §2.3).</summary>
    Seed,

    /// <summary>86,400 seconds a day, 365.25 days a year.</summary>
    Exact,
}
