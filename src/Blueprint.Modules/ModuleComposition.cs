using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Modules;

/// <summary>How a host runs the modules it selected: their contracts, their services, their middleware, their endpoints.</summary>
public static class ModuleComposition
{
    /// <summary>
    /// Registers each selected module, after the in-process providers of the contracts they need
    /// (taken from any built module of the catalog, running or not).
    /// </summary>
    /// <exception cref="ModuleConfigurationException">A module needs a contract that no built module provides.</exception>
    public static void AddModules(this IHostApplicationBuilder builder, IReadOnlyList<BlueprintModule> selected, IReadOnlyList<BlueprintModule> catalog)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(catalog);
        var contracts = catalog.Where(m => m.IsBuilt).SelectMany(m => m.Provides).ToList();
        foreach (var (module, need) in selected.SelectMany(m => m.Needs.Select(need => (m, need))).DistinctBy(pair => pair.need))
        {
            var provider = contracts.FirstOrDefault(c => c.Service == need)
                ?? throw new ModuleConfigurationException($"The module {module.Name} needs {need.FullName}, which no built module provides.");
            provider.AddInProcess(builder);
        }

        foreach (var module in selected)
        {
            module.Add!(builder);
        }
    }

    /// <summary>
    /// Runs every module's start-up checks, puts every selected module's middleware in the pipeline, then maps every module's endpoints;
    /// call it after authentication and authorization, so middleware knows the caller.
    /// </summary>
    /// <exception cref="ModuleConfigurationException">A module's <see cref="IModuleStartupCheck"/> failed.</exception>
    public static void UseModules(this WebApplication app, IReadOnlyList<BlueprintModule> selected)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(selected);
        foreach (var check in app.Services.GetServices<IModuleStartupCheck>())
        {
            check.Verify();
        }

        foreach (var module in selected)
        {
            module.Use?.Invoke(app);
        }

        foreach (var module in selected)
        {
            module.Map!(app);
        }
    }
}
