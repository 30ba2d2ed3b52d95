namespace Blueprint.Infrastructure.Backends;

/// <summary>One sentence that names the engine, the setting that chose it, and what went wrong.</summary>
internal static class BackendFailure
{
    public static string Describe(BackendDescription backend, Exception error)
    {
        var reason = error is TimeoutException ? $"no answer within {BackendHealthCheck.Timeout.TotalSeconds:0} s" : error.Message;
        return backend.ConfigurationError is { } configuration
            ? configuration
            : $"{backend.Engine} at {backend.Target}{(backend.Setting is { } s ? $" (set by {s})" : "")} is unreachable: {reason}";
    }
}
