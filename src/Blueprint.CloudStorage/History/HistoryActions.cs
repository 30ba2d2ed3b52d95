namespace Blueprint.CloudStorage.History;

/// <summary>The history actions, as stored.</summary>
internal static class HistoryActions
{
    public const string Upload = "upload";
    public const string Download = "download";
    public const string LinkDownload = "link-download";
    public const string Delete = "delete";
    public const string Undelete = "undelete";
    public const string Restore = "restore";
    public const string Move = "move";
    public const string CreateFolder = "create-folder";

    /// <summary>A file moved here from another namespace.</summary>
    public const string MoveIn = "move-in";

    /// <summary>A file moved from here to another namespace (it stays in this one's trash).</summary>
    public const string MoveOut = "move-out";
}
