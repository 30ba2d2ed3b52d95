namespace Blueprint.CloudStorage.Client;

/// <summary>What a sync did (or, in a dry run, would do) to one path.</summary>
public sealed record SyncAction(string Kind, string Path, string Detail)
{
    public override string ToString() => $"{Kind,-14} {Path}{(Detail.Length > 0 ? $"  ({Detail})" : "")}";
}
