using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blueprint.Host.Hosting;

/// <summary>
/// /health/ready as JSON: overall status plus, per port, its engine, where it is, and why it is unhealthy;
/// beside the ports, a module's own readiness ("ids": does this host hold a worker id).
/// </summary>
internal static class ReadinessResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            backends = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    engine = e.Value.Data.GetValueOrDefault("engine"),
                    embedded = e.Value.Data.GetValueOrDefault("embedded"),
                    target = e.Value.Data.GetValueOrDefault("target"),
                    setting = e.Value.Data.GetValueOrDefault("setting"),
                }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
