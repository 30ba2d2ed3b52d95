namespace Blueprint.CloudStorage.Files;

/// <summary>How a change to a namespace ended.</summary>
internal enum WriteOutcome
{
    /// <summary>A new version was committed.</summary>
    Committed,

    /// <summary>The file already had this content (a retried commit): nothing changed.</summary>
    Unchanged,

    /// <summary>Another version committed first; this one was kept beside it as a conflicted copy.</summary>
    ConflictedCopy,

    /// <summary>The parent named is not the file's current version.</summary>
    Stale,

    /// <summary>Some blocks named were never uploaded (or were collected).</summary>
    MissingBlocks,

    OverQuota,

    NotFound,

    /// <summary>Another live file has the target path.</summary>
    PathTaken,

    /// <summary>The request makes no sense for this file (e.g. restoring a delete); <see cref="WriteResult.Reason"/> says why.</summary>
    Refused,
}
