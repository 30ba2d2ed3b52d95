namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Gone on both sides: forget it.</summary>
internal sealed record Forget(string Key, SyncedFile Base) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("forget", Base.Path, "deleted on both sides");
}
