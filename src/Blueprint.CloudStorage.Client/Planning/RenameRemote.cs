namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>A case-only rename made here.</summary>
internal sealed record RenameRemote(string Key, SyncedFile Base, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("rename remote", Local.Path, $"was {Base.Path}");
}
