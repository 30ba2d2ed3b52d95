using Yarp.ReverseProxy.LoadBalancing;

namespace Blueprint.Gateway;

/// <summary>Settings under <c>Gateway</c>: which hosts to front and how to spread requests over them.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The Blueprint hosts behind the gateway (http://127.0.0.1:5081, ...). On the command line: --Gateway:Backends:0 URL, or --backends URL,URL.</summary>
    public IList<string> Backends { get; } = [];

    /// <summary>RoundRobin, LeastRequests, PowerOfTwoChoices, Random or FirstAlphabetical (YARP's policies).</summary>
    public string LoadBalancing { get; set; } = LoadBalancingPolicies.RoundRobin;

    /// <summary>How often each host is probed; a dead host leaves the rotation after one failed probe.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The path probed on each host.</summary>
    public string HealthCheckPath { get; set; } = "/health/live";

    internal static readonly string[] Policies =
    [
        LoadBalancingPolicies.RoundRobin, LoadBalancingPolicies.LeastRequests, LoadBalancingPolicies.PowerOfTwoChoices,
        LoadBalancingPolicies.Random, LoadBalancingPolicies.FirstAlphabetical,
    ];

    /// <summary>Every problem with the settings, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Backends.Count == 0)
        {
            errors.Add("Gateway:Backends is empty: name at least one host, e.g. --backends http://127.0.0.1:5081.");
        }

        foreach (var backend in Backends)
        {
            if (!Uri.TryCreate(backend, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"Gateway:Backends has '{backend}', which is not an absolute http(s) URL.");
            }
        }

        if (!Policies.Contains(LoadBalancing, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Gateway:LoadBalancing is '{LoadBalancing}'; use one of {string.Join(", ", Policies)}.");
        }

        if (HealthCheckInterval <= TimeSpan.Zero)
        {
            errors.Add("Gateway:HealthCheckInterval must be positive.");
        }

        return errors;
    }
}
