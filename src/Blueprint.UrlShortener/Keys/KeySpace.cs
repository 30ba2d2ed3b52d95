namespace Blueprint.UrlShortener.Keys;

/// <summary>A count of one design's key space: keys it can still issue, and (key ranges) ranges nobody has claimed.</summary>
internal sealed record KeySpace(string Design, long? Remaining, long? FreeRanges);
