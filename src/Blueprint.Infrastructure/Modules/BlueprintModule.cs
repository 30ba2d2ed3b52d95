using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Infrastructure.Modules;

/// <summary>
/// One system of Blueprint as the host sees it: its name for <c>--modules</c>, where the seeds
/// describe it, and — once built — how to register and map it. A system not built yet has no
/// <see cref="Add"/>/<see cref="Map"/> and shows as such on the dashboard; <see cref="Note"/> says what exists of it, and
/// <see cref="ApiTag"/> is the OpenAPI tag of its endpoints, which the dashboard links to.
/// </summary>
public sealed record BlueprintModule(
    string Name,
    string Title,
    string SeedSections,
    string Project,
    string? PagePath = null,
    Action<IHostApplicationBuilder>? Add = null,
    Action<IEndpointRouteBuilder>? Map = null,
    string? Note = null,
    string? ApiTag = null)
{
    /// <summary>True once the system exists and can run.</summary>
    public bool IsBuilt => Add is not null && Map is not null;
}
