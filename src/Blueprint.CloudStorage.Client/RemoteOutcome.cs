namespace Blueprint.CloudStorage.Client;

/// <summary>How a write ended on the server.</summary>
public enum RemoteOutcome
{
    Committed,
    Unchanged,
    ConflictedCopy,
    Stale,
    MissingBlocks,
    PathTaken,
    NotFound,

    /// <summary>Refused for a reason no retry fixes (a name the server does not accept, over quota, read-only).</summary>
    Refused,
}
