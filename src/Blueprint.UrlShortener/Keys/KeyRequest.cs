namespace Blueprint.UrlShortener.Keys;

/// <summary>What a key is being made for: some designs (the hash) derive it from the link.</summary>
internal readonly record struct KeyRequest(string Owner, string Url);
