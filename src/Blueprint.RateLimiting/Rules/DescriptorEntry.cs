namespace Blueprint.RateLimiting.Rules;

/// <summary>One entry of a descriptor: what a request is (user = alice, path = /api/urls).</summary>
public readonly record struct DescriptorEntry(string Key, string Value);
