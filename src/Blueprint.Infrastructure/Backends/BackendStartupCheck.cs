using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.Infrastructure.Backends;

/// <summary>
/// Says at start-up which engine serves each port, and writes one clear line for each that is
/// misconfigured or unreachable. It never blocks start-up: /health/ready keeps reporting.
/// </summary>
internal sealed partial class BackendStartupCheck(IEnumerable<IBackendProbe> probes, ILogger<BackendStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in probes)
        {
            var backend = probe.Backend;
            LogBackend(logger, backend.Port, backend.Engine, backend.Target, backend.Setting ?? "embedded default");
            _ = ProbeAsync(probe);
        }

        return Task.CompletedTask;
    }

    private async Task ProbeAsync(IBackendProbe probe)
    {
        try
        {
            await probe.PingAsync(CancellationToken.None).WaitAsync(BackendHealthCheck.Timeout);
        }
#pragma warning disable CA1031 // Reported, never thrown: the host stays up and /health/ready says which.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnavailable(logger, probe.Backend.Port, BackendFailure.Describe(probe.Backend, ex));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Port {Port}: {Engine} at {Target} ({Setting})")]
    private static partial void LogBackend(ILogger logger, string port, string engine, string target, string setting);

    [LoggerMessage(Level = LogLevel.Error, Message = "Port {Port} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string port, string reason);
}
