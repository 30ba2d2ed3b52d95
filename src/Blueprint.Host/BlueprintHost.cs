using Blueprint.Host.Catalog;
using Blueprint.Host.Dashboard;
using Blueprint.Host.Hosting;
using Blueprint.Infrastructure;
using Blueprint.Infrastructure.Modules;

namespace Blueprint.Host;

/// <summary>Builds the host: shared plumbing, the four ports, then the selected modules.</summary>
public static class BlueprintHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBlueprintDefaults();
        var backends = builder.AddBlueprintInfrastructure();

        IReadOnlyList<BlueprintModule> modules;
        try
        {
            modules = ModuleSelection.Select(builder.Configuration, SystemCatalog.All);
        }
        catch (ArgumentException ex)
        {
            throw new ModuleSelectionException(ex.Message, ex);
        }

        foreach (var module in modules)
        {
            module.Add!(builder);
        }

        builder.Services.AddSingleton(new RunningModules(modules));

        var app = builder.Build();
        app.UseBlueprintDefaults();
        foreach (var module in modules)
        {
            module.Map!(app);
        }

        app.MapDashboard();
        return app;
    }
}
