namespace Blueprint.UrlShortener.Api;

/// <summary>A page of link history, and the cursor of the next page (null at the end).</summary>
public sealed record LinkPage(IReadOnlyList<LinkResponse> Links, string? Next);
