namespace Blueprint.Identity.Profile;

/// <summary>What a user shows of themselves.</summary>
public sealed record Profile(string Id, string? Email, string? DisplayName, DateTimeOffset CreatedAt);
