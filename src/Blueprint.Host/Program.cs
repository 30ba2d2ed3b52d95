using Blueprint.Host;
using Blueprint.Modules;

try
{
    var app = BlueprintHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ModuleConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"blueprint: {ex.Message}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
