namespace Blueprint.BuildingBlocks.Sync;

/// <summary>A stored block that cannot be trusted: it does not decrypt, or is not what its name says.</summary>
public sealed class BlockIntegrityException : Exception
{
    /// <summary>A block that cannot be trusted, for no reason given.</summary>
    public BlockIntegrityException()
    {
    }

    /// <summary>A block that cannot be trusted, and why.</summary>
    public BlockIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>A block that cannot be trusted, why, and the failure that showed it.</summary>
    public BlockIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
