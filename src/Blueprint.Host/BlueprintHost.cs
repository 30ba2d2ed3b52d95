using Blueprint.Host.Catalog;
using Blueprint.Host.Dashboard;
using Blueprint.Host.Hosting;
using Blueprint.Infrastructure;
using Blueprint.Modules;

namespace Blueprint.Host;

/// <summary>Builds the host: shared plumbing, the four ports, then the selected modules.</summary>
public static class BlueprintHost
{
    /// <exception cref="ModuleConfigurationException">The modules asked for, or a module's settings, cannot run.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBlueprintDefaults();
        builder.AddBlueprintInfrastructure();

        var modules = ModuleSelection.Select(builder.Configuration, SystemCatalog.All);
        builder.AddModules(modules, SystemCatalog.All);
        builder.Services.AddSingleton(new RunningModules(modules));

        var app = builder.Build();
        app.UseBlueprintDefaults();
        app.UseModules(modules);
        app.MapDashboard();
        return app;
    }
}
