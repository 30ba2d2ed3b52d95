using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Sharing;

/// <summary>A member of a shared folder.</summary>
internal sealed record Member(string UserId, string? Email, Access Access, DateTimeOffset AddedAt);
