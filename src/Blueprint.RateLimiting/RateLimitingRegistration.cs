using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Http;
using Blueprint.RateLimiting.Redis;
using Blueprint.RateLimiting.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Blueprint.RateLimiting;

/// <summary>
/// The rate limiter as a service of any ASP.NET Core app (Blueprint.Host, Blueprint.Gateway):
/// <list type="bullet">
/// <item><c>RateLimiting:Rules</c> — the rules file (YAML or JSON); without one nothing is limited.</item>
/// <item><c>RateLimiting:Store</c> — <c>redis</c> or <c>in-process</c>; Redis by default when <c>ConnectionStrings:Redis</c> is set, so every host shares the counters.</item>
/// <item><c>RateLimiting:Redis</c> — a Redis of the limiter's own, instead of <c>ConnectionStrings:Redis</c>.</item>
/// <item><c>RateLimiting:FailureMode</c> — <c>FailOpen</c> (default) or <c>FailClosed</c>, when Redis is away.</item>
/// <item><c>RateLimiting:TimeoutMilliseconds</c> — how long a decision may take before Redis counts as away (default 250).</item>
/// </list>
/// </summary>
public static class RateLimitingRegistration
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimiting";

    /// <summary>Registers the rules, the store and the limiter.</summary>
    public static IServiceCollection AddRuleRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RateLimitMetrics>();
        services.TryAddSingleton(sp => new RateLimitRuleSource(
            configuration[$"{Section}:Rules"], sp.GetRequiredService<ILogger<RateLimitRuleSource>>(), sp.GetRequiredService<TimeProvider>()));
        var redis = configuration[$"{Section}:Redis"] ?? configuration["ConnectionStrings:Redis"];
        var useRedis = (configuration[$"{Section}:Store"] ?? (string.IsNullOrWhiteSpace(redis) ? "in-process" : "redis")) switch
        {
            "redis" => true,
            "in-process" => false,
            var other => throw new RateLimitingConfigurationException($"{Section}:Store is '{other}'; it must be redis or in-process."),
        };
        if (useRedis)
        {
            if (string.IsNullOrWhiteSpace(redis))
            {
                throw new RateLimitingConfigurationException($"{Section}:Store is redis but neither {Section}:Redis nor ConnectionStrings:Redis is set.");
            }

            var mode = FailureMode(configuration[$"{Section}:FailureMode"]);
            var timeout = Timeout(configuration[$"{Section}:TimeoutMilliseconds"]);
            var options = RedisOptions(redis);
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.TryAddSingleton<IRateLimitStore>(sp => new FailSafeRateLimitStore(
                new RedisRateLimitStore(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), prefix: configuration[$"{Section}:RedisPrefix"] ?? "rl:"),
                mode,
                sp.GetRequiredService<ILogger<FailSafeRateLimitStore>>(),
                timeout));
        }
        else
        {
            services.TryAddSingleton(sp => new InProcessRateLimitStore(sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IRateLimitStore>(sp => sp.GetRequiredService<InProcessRateLimitStore>());
            services.AddHostedService<InProcessStorePurger>();
        }

        services.TryAddSingleton<RuleRateLimiter>();
        return services;
    }

    /// <summary>Limits every request after this point by the rules in force.</summary>
    public static IApplicationBuilder UseRuleRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitingMiddleware>();

    private static RateLimitFailureMode FailureMode(string? setting) => setting?.ToUpperInvariant() switch
    {
        null or "" or "FAILOPEN" or "OPEN" => RateLimitFailureMode.FailOpen,
        "FAILCLOSED" or "CLOSED" => RateLimitFailureMode.FailClosed,
        _ => throw new RateLimitingConfigurationException($"{Section}:FailureMode is '{setting}'; it must be FailOpen or FailClosed."),
    };

    // Parsed at start-up, so a malformed string stops the host with its reason rather than failing every request.
    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return options.EndPoints.Count > 0 ? options : throw new ArgumentException("it names no endpoint.");
        }
        catch (ArgumentException error)
        {
            throw new RateLimitingConfigurationException($"The rate limiter's Redis ({Section}:Redis or ConnectionStrings:Redis) cannot be used: {error.Message}", error);
        }
    }

    private static TimeSpan Timeout(string? setting) =>
        setting is null ? TimeSpan.FromMilliseconds(250)
        : int.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is >= 1 and <= 60_000
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw new RateLimitingConfigurationException($"{Section}:TimeoutMilliseconds is '{setting}'; it must be a whole number from 1 to 60000.");

    // Forgets keys back at a full budget once a minute, so memory follows the active keys, not every key ever seen.
    private sealed class InProcessStorePurger(InProcessRateLimitStore store, TimeProvider time) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Purge();
            }
        }
    }
}
