namespace Blueprint.Identity.Api;

/// <summary>The owner of a live API key.</summary>
public sealed record ApiKeyOwner(string UserId);
