using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.Infrastructure.Backends;

/// <summary>Registers a port's implementation together with its probe, or, when the setting is unusable, a port that refuses every call with the reason.</summary>
internal static class BackendRegistration
{
    public static void AddProbe(this IServiceCollection services, BackendDescription backend, Func<IServiceProvider, CancellationToken, Task> ping) =>
        services.AddSingleton<IBackendProbe>(sp => new BackendProbe(backend, ct => ping(sp, ct)));

    public static void AddUnavailable(this IServiceCollection services, BackendDescription backend, params Type[] serviceTypes)
    {
        var create = typeof(UnavailablePort).GetMethod(nameof(UnavailablePort.Create))!;
        foreach (var serviceType in serviceTypes)
        {
            services.AddSingleton(serviceType, create.MakeGenericMethod(serviceType).Invoke(null, [backend.ConfigurationError!])!);
        }

        services.AddProbe(backend, (_, _) => Task.CompletedTask);
    }

    public static string Misconfigured(string setting, string engine, Exception error) =>
        $"{setting} is not a valid {engine} setting: {error.Message}";
}
