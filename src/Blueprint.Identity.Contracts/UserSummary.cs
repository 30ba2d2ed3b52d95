namespace Blueprint.Identity.Contracts;

/// <summary>What another system may know of a user: the id it keys their data by, and their email.</summary>
public sealed record UserSummary(string Id, string? Email);
