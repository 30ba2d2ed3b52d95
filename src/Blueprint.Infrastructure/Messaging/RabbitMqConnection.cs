using RabbitMQ.Client;

namespace Blueprint.Infrastructure.Messaging;

/// <summary>
/// The process's one AMQP connection, opened on first use. A failed attempt is not cached, so a
/// broker that comes up after the host is used as soon as it answers; once open, the client
/// recovers the connection and its topology by itself.
/// </summary>
internal sealed class RabbitMqConnection(ConnectionFactory factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    public string Endpoint => $"{factory.HostName}:{factory.Port}{factory.VirtualHost}";

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await factory.CreateConnectionAsync("blueprint", cancellationToken);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } open)
        {
            await open.CloseAsync();
            open.Dispose();
        }

        _opening.Dispose();
    }
}
