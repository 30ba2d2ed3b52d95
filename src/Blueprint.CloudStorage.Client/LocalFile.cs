namespace Blueprint.CloudStorage.Client;

/// <summary>
/// A file in the synced folder: its path ('/'-separated, relative to the folder), size and
/// modification stamp. A folder has <see cref="Folder"/> set, and no size or stamp.
/// <see cref="Settled"/>: the stamp is older than the file system's own clock was just before the
/// file was looked at (for a file the engine wrote, before it was put in place), so any write
/// since gives it a higher stamp. An unsettled stamp may hide a write in the same tick of the
/// file system's clock (coarse: a few milliseconds on ext4, two seconds on FAT): such a file is
/// read again next time even if its size and stamp look unchanged.
/// </summary>
public sealed record LocalFile(string Path, long Size, long ModifiedTicks, bool Folder = false, bool Settled = false)
{
    /// <summary>The stamp to remember: one that may not tell a same-tick edit apart is not stored (0), so the file is read next time.</summary>
    internal long TrustedStamp => Settled ? ModifiedTicks : 0;
}
