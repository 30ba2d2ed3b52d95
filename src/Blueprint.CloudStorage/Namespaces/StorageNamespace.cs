namespace Blueprint.CloudStorage.Namespaces;

/// <summary>What a member may do in a namespace, weakest first.</summary>
internal enum Access
{
    Read = 1,
    Write = 2,
    Owner = 3,
}

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

/// <summary>A namespace row joined with the caller's membership.</summary>
internal sealed class NamespaceRow
{
    public string Id { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Name { get; init; } = "";

    public string WrappedKey { get; init; } = "";

    public long QuotaBytes { get; init; }

    public long UsedBytes { get; init; }

    public long ChangeSeq { get; init; }

    public string Access { get; init; } = "";

    public StorageNamespace ToNamespace() =>
        new(Id, OwnerId, Kind, Name, WrappedKey, QuotaBytes, UsedBytes, ChangeSeq, AccessNames.Parse(Access));
}

internal static class AccessNames
{
    public static string Name(Access access) => access switch
    {
        Access.Owner => "owner",
        Access.Write => "write",
        _ => "read",
    };

    public static Access Parse(string name) => name switch
    {
        "owner" => Access.Owner,
        "write" => Access.Write,
        "read" => Access.Read,
        _ => throw new InvalidOperationException($"Unknown access '{name}'."),
    };
}
