namespace Blueprint.Infrastructure.Backends;

internal sealed class BackendProbe(BackendDescription backend, Func<CancellationToken, Task> ping) : IBackendProbe
{
    public BackendDescription Backend => backend;

    public Task PingAsync(CancellationToken cancellationToken) =>
        backend.ConfigurationError is { } error ? throw new BackendUnavailableException(error) : ping(cancellationToken);
}
