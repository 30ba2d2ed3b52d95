using System.Diagnostics.CodeAnalysis;

namespace Blueprint.UrlShortener.Api;

/// <summary>PATCH /api/urls/{key}: a new expiry, or null to keep the link forever.</summary>
public sealed record ChangeExpiryRequest([AllowNull] DateTimeOffset? ExpiresAt);
