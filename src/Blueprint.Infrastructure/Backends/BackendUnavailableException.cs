namespace Blueprint.Infrastructure.Backends;

/// <summary>A port was used whose engine is misconfigured; the host answers 503 with this message.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException()
    {
    }

    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
