namespace Blueprint.CloudStorage.Namespaces;

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
