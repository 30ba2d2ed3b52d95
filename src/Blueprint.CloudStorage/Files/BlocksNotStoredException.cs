namespace Blueprint.CloudStorage.Files;

/// <summary>A version named blocks the namespace does not hold (never uploaded, or with another length).</summary>
internal sealed class BlocksNotStoredException : Exception
{
    public BlocksNotStoredException()
        : base("A block named is not stored in this namespace with the length given.")
    {
    }

    public BlocksNotStoredException(string message)
        : base(message)
    {
    }

    public BlocksNotStoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
