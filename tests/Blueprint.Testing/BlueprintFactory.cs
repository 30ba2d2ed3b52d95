using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blueprint.Testing;

/// <summary>
/// A Blueprint host in memory with its own data directory and settings, capturing its log lines. It
/// runs the modules the settings name (<c>Blueprint:Modules</c>), or else those the test project
/// names in its <c>Blueprint.TestModules</c> assembly metadata, so a module's tests boot only that
/// module; a project that names none (the host's own tests) runs every built one.
/// </summary>
public class BlueprintFactory : WebApplicationFactory<Program>
{
    private const string ModulesSetting = "Blueprint:Modules";

    private static readonly string? ProjectModules = AppDomain.CurrentDomain.GetAssemblies()
        .SelectMany(assembly => assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        .FirstOrDefault(metadata => metadata.Key == "Blueprint.TestModules")?.Value;

    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("blueprint-host-").FullName;

    private readonly Action<IServiceCollection>? _services;

    public BlueprintFactory(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
    }

    /// <summary>Starts the host on a real Kestrel port on loopback (for a browser) and returns its base address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>Where this host keeps its embedded engines' files, unless the settings name another.</summary>
    public string DataDirectory => _dataDirectory;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    /// <summary>The modules this host runs, as <c>Blueprint:Modules</c> names them; null for every built one.</summary>
    public string? Modules => _settings.TryGetValue(ModulesSetting, out var named) ? named : ProjectModules;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Blueprint:DataDirectory", _dataDirectory);
        if (Modules is { } modules)
        {
            builder.UseSetting(ModulesSetting, modules);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        if (_services is not null)
        {
            builder.ConfigureServices(services =>
            {
                _services(services);
                RefuseAFakeClockOnTheSharedDatabase(services);
            });
        }
    }

    // Every module's timed jobs run on the host's clock: a fake one moved a day ahead on the shared
    // PostgreSQL had cloud storage collect the blocks another test class had uploaded and not yet
    // committed. Such a host names the modules it runs (and moves its clock less than their grace
    // periods), or takes a database of its own (RealEngines.FreshPostgresDatabase).
    private void RefuseAFakeClockOnTheSharedDatabase(IServiceCollection services)
    {
        var clock = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        var fakeClock = clock is not null && clock.ImplementationInstance != TimeProvider.System;
        var sharedDatabase = _settings.TryGetValue("ConnectionStrings:Postgres", out var database)
            && database == Environment.GetEnvironmentVariable("BLUEPRINT_TEST_POSTGRES");
        if (fakeClock && sharedDatabase && !_settings.ContainsKey(ModulesSetting))
        {
            throw new InvalidOperationException(
                "A host with a fake clock on the shared test PostgreSQL runs every module's timed jobs on that clock, against other test classes' rows. " +
                "Name the modules it needs (Blueprint:Modules), or give it RealEngines.FreshPostgresDatabase().");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((logLevel, category, formatter(state, exception)));
    }
}

/// <summary>The host on its embedded defaults, shared by a test class.</summary>
public sealed class EmbeddedBlueprint() : BlueprintFactory([]);
