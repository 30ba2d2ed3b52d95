using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Blueprint.Gateway;

/// <summary>GET /gateway/status: each host, whether it is in the rotation, and the requests it is serving now.</summary>
internal static class GatewayStatus
{
    public sealed record HostState(string Name, string Address, string Active, string Passive, bool InRotation, int ConcurrentRequests);

    public sealed record Status(string LoadBalancing, IReadOnlyList<HostState> Hosts);

    public static void MapGatewayStatus(this IEndpointRouteBuilder app) =>
        app.MapGet("/gateway/status", (IProxyStateLookup proxy, GatewayOptions options) =>
        {
            var hosts = proxy.TryGetCluster(ProxyConfiguration.ClusterId, out var cluster)
                ? cluster.Destinations.Values.OrderBy(d => d.DestinationId, StringComparer.Ordinal).Select(Describe).ToList()
                : [];
            return TypedResults.Ok(new Status(options.LoadBalancing, hosts));
        });

    private static HostState Describe(DestinationState destination) => new(
        destination.DestinationId,
        destination.Model.Config.Address,
        destination.Health.Active.ToString(),
        destination.Health.Passive.ToString(),
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy,
        destination.ConcurrentRequestCount);
}
