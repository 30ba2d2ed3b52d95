using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Blueprint.Gateway;

/// <summary>Turns <see cref="GatewayOptions"/> into YARP's one route and one cluster.</summary>
internal static class ProxyConfiguration
{
    public const string ClusterId = "blueprint";

    public static RouteConfig[] Routes() =>
    [
        new RouteConfig { RouteId = "everything", ClusterId = ClusterId, Match = new RouteMatch { Path = "{**catch-all}" } },
    ];

    public static ClusterConfig[] Clusters(GatewayOptions options) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = GatewayOptions.Policies.First(p => p.Equals(options.LoadBalancing, StringComparison.OrdinalIgnoreCase)),
            HealthCheck = new HealthCheckConfig
            {
                // With every host down, answer 503 at once instead of YARP's "panic" of trying dead hosts.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                // Active: probe every host each interval; one failure takes it out, one success puts it back.
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckInterval,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = options.HealthCheckPath,
                },
                // Passive: requests that fail to reach a host mark it down at once, between probes.
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = options.HealthCheckInterval * 2,
                },
            },
            Metadata = new Dictionary<string, string>
            {
                // YARP's metadata keys for the two policies' thresholds.
                ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1",
                ["TransportFailureRateHealthPolicy.RateLimit"] = "0.3",
            },
            Destinations = options.Backends
                .Select((url, index) => (Name: $"host-{index + 1}", Url: url))
                .ToDictionary(d => d.Name, d => new DestinationConfig { Address = d.Url }),
        },
    ];
}
