using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Modules;

/// <summary>
/// One system of Blueprint as the host sees it: its name for <c>--modules</c>, where the seeds
/// describe it, and — once built — how to register and map it. Each system project exposes its own
/// (<c>UrlShortenerModule.Descriptor</c>); a system not built yet is a <see cref="Planned"/> entry
/// and shows as such on the dashboard.
/// </summary>
/// <param name="Name">The name <c>--modules</c> takes, e.g. <c>url-shortener</c>.</param>
/// <param name="Title">What the dashboard calls it.</param>
/// <param name="SeedSections">Where the two sources describe it (docs/sources.md), e.g. <c>000 §7.1; 003 §8</c>.</param>
/// <param name="Project">The project that holds it.</param>
public sealed record BlueprintModule(string Name, string Title, string SeedSections, string Project)
{
    /// <summary>The module's page, if it has one.</summary>
    public string? PagePath { get; init; }

    /// <summary>The OpenAPI tag of its endpoints, which the dashboard links to.</summary>
    public string? ApiTag { get; init; }

    /// <summary>What exists of it beyond its page, or how to run it, in a sentence.</summary>
    public string? Note { get; init; }

    /// <summary>Registers its options and services.</summary>
    public Action<IHostApplicationBuilder>? Add { get; init; }

    /// <summary>
    /// Middleware it puts in every request's pipeline. The host runs every module's <see cref="Use"/>
    /// after authentication and authorization and before any endpoint, whatever the catalog's order.
    /// </summary>
    public Action<IApplicationBuilder>? Use { get; init; }

    /// <summary>Maps its endpoints and its page.</summary>
    public Action<IEndpointRouteBuilder>? Map { get; init; }

    /// <summary>Contracts this module serves in process to other modules of the same host, even when it does not run itself.</summary>
    public IReadOnlyList<ModuleContract> Provides { get; init; } = [];

    /// <summary>Contracts this module needs from another; the host adds their providers when it runs this one.</summary>
    public IReadOnlyList<Type> Needs { get; init; } = [];

    /// <summary>True once the system exists and can run.</summary>
    public bool IsBuilt => Add is not null && Map is not null;

    /// <summary>A system the seeds describe that is not built yet.</summary>
    public static BlueprintModule Planned(string name, string title, string seedSections, string project, string? note = null) =>
        new(name, title, seedSections, project) { Note = note };
}
