using Microsoft.Extensions.Configuration;

namespace Blueprint.Modules;

/// <summary>
/// Picks the modules this host runs: all built ones by default, or the comma-separated list in
/// <c>--modules</c> (config <c>Blueprint:Modules</c>), which is how one system scales on its own.
/// </summary>
public static class ModuleSelection
{
    public const string Setting = "Blueprint:Modules";

    /// <summary>The modules to run; throws <see cref="ModuleConfigurationException"/> listing the valid names when a name is unknown or not built.</summary>
    public static IReadOnlyList<BlueprintModule> Select(IConfiguration configuration, IReadOnlyList<BlueprintModule> catalog)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        var requested = configuration[Setting] ?? configuration["modules"];
        var built = catalog.Where(m => m.IsBuilt).ToList();
        if (string.IsNullOrWhiteSpace(requested))
        {
            return built;
        }

        var names = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var valid = string.Join(", ", built.Select(m => m.Name));
        var unknown = names.Where(n => catalog.All(m => !m.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ModuleConfigurationException($"Unknown module(s) in --modules: {string.Join(", ", unknown)}. Valid names: {valid}.");
        }

        var unbuilt = names.Where(n => catalog.Any(m => m.Name.Equals(n, StringComparison.OrdinalIgnoreCase) && !m.IsBuilt)).ToList();
        if (unbuilt.Count > 0)
        {
            throw new ModuleConfigurationException($"Module(s) not built yet: {string.Join(", ", unbuilt)}. Valid names: {valid}.");
        }

        return built.Where(m => names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
