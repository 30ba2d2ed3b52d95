namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>A local file as scanned: its stamps, and its blocks unless it is known unchanged since the merge base.</summary>
internal sealed record LocalState(LocalFile File, string ContentHash, FileBlocks? Blocks)
{
    /// <summary>
    /// The content hash of a large file new on both sides, not read at the scan: nothing in the plan
    /// compares it, and its upload cuts, hashes and sends it in one read.
    /// </summary>
    public const string Unread = "(not read yet)";

    public string Path => File.Path;
}
