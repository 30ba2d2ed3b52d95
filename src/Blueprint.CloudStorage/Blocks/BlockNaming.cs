namespace Blueprint.CloudStorage.Blocks;

/// <summary>Who named a block being stored, and so whether its bytes must be hashed to check the name.</summary>
internal enum BlockNaming
{
    /// <summary>A client sent the name: the bytes are hashed and must match it.</summary>
    Claimed,

    /// <summary>This host computed the name from the bytes (or opened them checked against it): no second hash.</summary>
    NamedHere,
}
