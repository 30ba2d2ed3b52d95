using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blueprint.Ids;

/// <summary>
/// Ready only while this host can issue IDs (it holds a worker id, and its lease is valid): a host
/// that cannot refuses every ID with a 503, so a load balancer should send it nothing yet. Right after
/// start-up it waits a few seconds for the first lease, so a probe that races the lease does not see a
/// host about to be ready as unready.
/// </summary>
internal sealed class WorkerReadinessCheck(IdIssuer issuer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await issuer.WaitForWorkerAsync(cancellationToken);
        if (issuer.WhyUnavailable() is { } reason)
        {
            return HealthCheckResult.Unhealthy(reason);
        }

        var status = issuer.Status();
        return HealthCheckResult.Healthy(status.LeaseValidUntil is { } validUntil
            ? $"Worker id {status.WorkerId} of datacenter {status.DatacenterId}, leased until {validUntil:O}."
            : $"Worker id {status.WorkerId} of datacenter {status.DatacenterId}, from configuration.");
    }
}
