namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>A limit: so many requests (or units of cost) per window.</summary>
/// <param name="Limit">Requests per window; for the token bucket also its capacity (the burst), for the leaking bucket its queue length.</param>
/// <param name="Window">The unit: a second, a minute, an hour, a day, or any span.</param>
public sealed record RateLimit(long Limit, TimeSpan Window)
{
    /// <summary>Refuses a limit or window that is not positive, naming it.</summary>
    public void Validate()
    {
        if (Limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "A limit is at least 1 request per window.");
        }

        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "A window is a positive span of time.");
        }
    }

    /// <summary>Requests per second this limit allows on average.</summary>
    public double PerSecond => Limit / Window.TotalSeconds;
}
