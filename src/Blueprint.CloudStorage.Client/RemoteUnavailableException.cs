namespace Blueprint.CloudStorage.Client;

/// <summary>The server could not be reached, or failed; the pass stops and is tried again later.</summary>
public sealed class RemoteUnavailableException : Exception
{
    public RemoteUnavailableException()
    {
    }

    public RemoteUnavailableException(string message)
        : base(message)
    {
    }

    public RemoteUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
