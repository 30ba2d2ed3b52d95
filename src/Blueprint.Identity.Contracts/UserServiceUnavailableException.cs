namespace Blueprint.Identity.Contracts;

/// <summary>The user service at <c>Identity:Url</c> could not answer; the request is answered 503, never as if the caller were unknown.</summary>
public sealed class UserServiceUnavailableException : Exception
{
    public UserServiceUnavailableException()
    {
    }

    public UserServiceUnavailableException(string message)
        : base(message)
    {
    }

    public UserServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
