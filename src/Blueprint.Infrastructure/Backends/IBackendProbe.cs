namespace Blueprint.Infrastructure.Backends;

/// <summary>Checks that one port's engine answers; used by /health/ready and the start-up check.</summary>
public interface IBackendProbe
{
    /// <summary>Which port and engine this probes.</summary>
    BackendDescription Backend { get; }

    /// <summary>Completes when the engine answered; throws with the reason otherwise.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
