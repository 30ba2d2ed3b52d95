namespace Blueprint.CloudStorage.Files;

/// <summary>The kinds of version, as stored.</summary>
internal static class VersionKinds
{
    public const string Edit = "edit";
    public const string Move = "move";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string Undelete = "undelete";

    /// <summary>A folder made in its own right (it may stay empty).</summary>
    public const string Folder = "folder";
}
