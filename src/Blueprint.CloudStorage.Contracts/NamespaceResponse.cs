namespace Blueprint.CloudStorage.Contracts;

/// <summary>A namespace (a user's root or a shared folder) as the caller may use it, with its quota and change cursor.</summary>
public sealed record NamespaceResponse(string Id, string Kind, string Name, string Access, string OwnerId, long QuotaBytes, long UsedBytes, long Cursor);
