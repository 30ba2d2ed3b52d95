using Blueprint.Host.Catalog;
using Blueprint.Infrastructure.Backends;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blueprint.Host.Dashboard;

/// <summary>What the dashboard at / draws: every system with its state, every backend with its health.</summary>
internal static class DashboardApi
{
    public sealed record SystemState(string Name, string Title, string SeedSections, string Project, string State, string? Page, string? Api, string? Note);

    public sealed record BackendState(string Port, string Engine, bool Embedded, string Target, string? Setting, string Health, string? Description);

    public sealed record DashboardState(IReadOnlyList<SystemState> Systems, IReadOnlyList<BackendState> Backends);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", GetStateAsync)
            .WithTags("Dashboard")
            .WithName("GetDashboard")
            .WithSummary("Every system with its state, and each backend port with its engine and health.");
        return app;
    }

    private static async Task<Ok<DashboardState>> GetStateAsync(
        RunningModules running, IReadOnlyList<BackendDescription> backends, HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var systems = SystemCatalog.All.Select(m => new SystemState(
            m.Name,
            m.Title,
            m.SeedSections,
            m.Project,
            !m.IsBuilt ? "not built yet" : running.Contains(m.Name) ? "working" : "built, not running on this host",
            running.Contains(m.Name) ? m.PagePath : null,
            running.Contains(m.Name) && m.ApiTag is { } tag ? $"/api#tag/{tag.ToLowerInvariant()}" : null,
            m.Note)).ToList();
        var ports = backends.Select(b =>
        {
            var entry = report.Entries.GetValueOrDefault(b.Port);
            return new BackendState(b.Port, b.Engine, b.Embedded, b.Target, b.Setting, entry.Status.ToString(), entry.Description);
        }).ToList();
        return TypedResults.Ok(new DashboardState(systems, ports));
    }
}
