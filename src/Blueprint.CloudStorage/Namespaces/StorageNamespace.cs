namespace Blueprint.CloudStorage.Namespaces;

/// <summary>A namespace as one member sees it: a user's root, or a shared folder.</summary>
internal sealed record StorageNamespace(
    string Id,
    string OwnerId,
    string Kind,
    string Name,
    string WrappedKey,
    long QuotaBytes,
    long UsedBytes,
    long ChangeSeq,
    Access Access)
{
    public const string RootKind = "root";
    public const string SharedKind = "shared";

    /// <summary>What clients write in a route for the caller's own root.</summary>
    public const string RootAlias = "root";

    public bool CanWrite => Access >= Access.Write;
}
