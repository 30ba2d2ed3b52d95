namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>What one algorithm did with the pattern.</summary>
/// <param name="Algorithm">Its name.</param>
/// <param name="Slices">Time slices, ten per window.</param>
/// <param name="Allowed">Requests admitted in all.</param>
/// <param name="MostInAnyWindow">The most requests admitted within any span one window long: above the limit means a burst got through.</param>
public sealed record TrafficResult(string Algorithm, IReadOnlyList<TrafficSlice> Slices, int Allowed, int MostInAnyWindow);
