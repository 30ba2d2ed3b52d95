namespace Blueprint.CloudStorage.Blocks;

/// <summary>How storing one block ended.</summary>
internal enum StoreOutcome
{
    Stored,

    /// <summary>The namespace had it already: nothing was written (dedupe).</summary>
    AlreadyStored,

    /// <summary>The bytes do not hash to the name they were sent under.</summary>
    HashMismatch,

    /// <summary>The bytes of a block sent unnamed do not match the checksum sent with them: changed on the way.</summary>
    ChecksumMismatch,

    /// <summary>The namespace is full.</summary>
    OverQuota,
}
