using Blueprint.Infrastructure.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Blueprint.Infrastructure.Backends;

/// <summary>Chooses the shared-state engine: Redis when <c>ConnectionStrings:Redis</c> is set, process memory otherwise.</summary>
internal static class CacheBackend
{
    public const string Port = "cache";
    public const string Setting = "ConnectionStrings:Redis";

    private static readonly Type[] Ports = [typeof(ICacheStore), typeof(ISortedSetStore), typeof(ICacheChannels)];

    public static BackendDescription Register(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var embedded = new BackendDescription(Port, "in-process", true, null, "this process's memory");
            services.AddSingleton(sp => new InMemoryCacheStore(sp.GetRequiredService<TimeProvider>()));
            AddPorts<InMemoryCacheStore>(services);
            services.AddProbe(embedded, (_, _) => Task.CompletedTask);
            return embedded;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
            if (options.EndPoints.Count == 0)
            {
                throw new ArgumentException("it names no endpoint.");
            }
        }
        catch (ArgumentException ex)
        {
            var broken = new BackendDescription(Port, "Redis", false, Setting, "(unparsable)", BackendRegistration.Misconfigured(Setting, "Redis configuration string", ex));
            services.AddUnavailable(broken, Ports);
            return broken;
        }

        var connection = new RedisConnection(options);
        var real = new BackendDescription(Port, "Redis", false, Setting, connection.Endpoint);
        services.AddSingleton(connection);
        services.AddSingleton<RedisCacheStore>();
        AddPorts<RedisCacheStore>(services);
        services.AddProbe(real, async (sp, _) => await (await sp.GetRequiredService<RedisConnection>().DatabaseAsync()).PingAsync());
        return real;
    }

    private static void AddPorts<TStore>(IServiceCollection services)
        where TStore : class, ICacheStore, ISortedSetStore, ICacheChannels
    {
        services.AddSingleton<ICacheStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ISortedSetStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICacheChannels>(sp => sp.GetRequiredService<TStore>());
    }
}
