using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blueprint.Infrastructure.Backends;

/// <summary>One readiness check per port: healthy when its engine answers within the probe timeout.</summary>
internal sealed class BackendHealthCheck(IBackendProbe probe) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backend = probe.Backend;
        var data = new Dictionary<string, object>
        {
            ["engine"] = backend.Engine,
            ["embedded"] = backend.Embedded,
            ["target"] = backend.Target,
        };
        if (backend.Setting is { } setting)
        {
            data["setting"] = setting;
        }

        try
        {
            await probe.PingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{backend.Engine} answers at {backend.Target}.", data);
        }
#pragma warning disable CA1031 // Every failure of the engine is a health result, not an exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(BackendFailure.Describe(backend, ex), ex, data);
        }
    }
}
