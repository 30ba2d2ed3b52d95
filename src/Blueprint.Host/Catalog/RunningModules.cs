using Blueprint.Modules;

namespace Blueprint.Host.Catalog;

/// <summary>The modules this host process runs (all built ones, or the --modules subset).</summary>
public sealed record RunningModules(IReadOnlyList<BlueprintModule> Modules)
{
    public bool Contains(string name) => Modules.Any(m => m.Name == name);
}
