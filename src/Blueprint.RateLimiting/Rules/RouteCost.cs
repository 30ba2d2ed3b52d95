namespace Blueprint.RateLimiting.Rules;

/// <summary>A route that costs more than one request (a batch, an export): every rule charges it <see cref="Hits"/> times its own cost.</summary>
/// <param name="Method">The HTTP method, or null for any.</param>
/// <param name="Path">The path, exact or a prefix ending in *.</param>
/// <param name="Hits">How many requests it counts as.</param>
public sealed record RouteCost(string? Method, string Path, long Hits);
