namespace Blueprint.Ids.Contracts;

/// <summary>Why the ID service cannot issue right now (no worker id, or its lease lapsed); a 503.</summary>
public sealed class IdsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IdsUnavailableException()
    {
    }

    /// <summary>Creates the exception saying why.</summary>
    public IdsUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception saying why, with its cause.</summary>
    public IdsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
