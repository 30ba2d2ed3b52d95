using System.Net;
using Blueprint.Host.Catalog;
using Blueprint.Modules;
using Microsoft.Extensions.Configuration;

namespace Blueprint.Host.Tests;

public sealed class ModuleSelectionTests
{
    private static IReadOnlyList<BlueprintModule> Select(string? modules) =>
        ModuleSelection.Select(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["modules"] = modules }).Build(), SystemCatalog.All);

    [Fact]
    public void Select_Nothing_RunsEveryBuiltModule() =>
        Assert.Equal(SystemCatalog.All.Where(m => m.IsBuilt).Select(m => m.Name), Select(null).Select(m => m.Name));

    [Fact]
    public void Select_Subset_RunsOnlyThose() =>
        Assert.Equal(["capacity"], Select(" capacity ").Select(m => m.Name));

    [Fact]
    public void Select_UnknownName_IsRefusedListingTheValidNames()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => Select("capacity,telepathy"));

        Assert.Contains("telepathy", error.Message);
        Assert.Contains("Valid names: capacity", error.Message);
    }

    [Fact]
    public void Select_NotBuiltYet_IsRefusedSayingSo()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => Select("chat"));
        Assert.Contains("not built yet", error.Message);
    }

    [Fact]
    public void Build_UnknownModule_RefusesToStart()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => BlueprintHost.Build(["--modules", "telepathy"]));
        Assert.Contains("Valid names", error.Message);
    }

    [Fact]
    public async Task Host_WithSubset_DashboardShowsOthersAsNotRunning()
    {
        // Every built module is in the subset today, so the dashboard shows them working.
        using var factory = new BlueprintFactory(new() { ["Blueprint:Modules"] = "capacity" });
        var response = await factory.CreateClient().GetAsync(new Uri("/api/capacity/presets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
