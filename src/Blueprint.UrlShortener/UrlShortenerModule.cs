using Blueprint.Ids.Contracts;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.UrlShortener.Analytics;
using Blueprint.UrlShortener.Api;
using Blueprint.UrlShortener.Caching;
using Blueprint.UrlShortener.Keys;
using Blueprint.UrlShortener.Links;
using Blueprint.UrlShortener.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.UrlShortener;

/// <summary>The URL shortener (seed 000 §7.1, §8.2; 003 §8): create, redirect, link history.</summary>
public static class UrlShortenerModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("url-shortener", "URL shortener", "000 §7.1, §8.2; 003 §8", "Blueprint.UrlShortener")
    {
        PagePath = "/shorten",
        ApiTag = "URL shortener",
        Note = "Redirects at GET /{key}. Key design by UrlShortener:KeyDesign (unique-id, key-ranges, hash). Also: blueprint shorten, blueprint links, blueprint load url-shortener.",
        Needs = [typeof(IUniqueIds)],
        Add = b => b.AddUrlShortener(),
        Map = e => e.MapUrlShortener(),
    };

    public static IHostApplicationBuilder AddUrlShortener(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBlueprintAuthentication();
        builder.Services.AddOptions<UrlShortenerOptions>().Bind(builder.Configuration.GetSection(UrlShortenerOptions.Section));
        builder.Services.AddSingleton<LinkDatabase>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<KeyMetrics>();
        var design = builder.Configuration[$"{UrlShortenerOptions.Section}:KeyDesign"] ?? UniqueIdKeyGenerator.Name;
        switch (design)
        {
            case UniqueIdKeyGenerator.Name:
                builder.Services.AddSingleton<IKeyGenerator, UniqueIdKeyGenerator>();
                break;
            case KeyRangeGenerator.Name:
                builder.Services.AddSingleton<IKeyGenerator, KeyRangeGenerator>();
                break;
            case HashKeyGenerator.Name:
                builder.Services.AddSingleton<IKeyGenerator, HashKeyGenerator>();
                break;
            default:
                throw new InvalidOperationException($"{UrlShortenerOptions.Section}:KeyDesign is '{design}'; it must be {UniqueIdKeyGenerator.Name}, {KeyRangeGenerator.Name} or {HashKeyGenerator.Name}.");
        }

        builder.Services.AddSingleton<LinkStore>();
        builder.Services.AddSingleton<LinkCache>();
        builder.Services.AddSingleton<LinkCreator>();
        builder.Services.AddSingleton<DomainBlocklist>();
        builder.Services.AddSingleton<ClickPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickPublisher>());
        builder.Services.AddSingleton<ClickAggregator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickAggregator>());
        builder.Services.AddSingleton<ClickStats>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LinkCache>());
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RedirectFastPathStartup>();
        builder.Services.AddSingleton<LinkMaintenance>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LinkMaintenance>());
        return builder;
    }

    public static IEndpointRouteBuilder MapUrlShortener(this IEndpointRouteBuilder app)
    {
        app.MapUrlApi();
        app.MapRedirect();
        app.MapEmbeddedPage("/shorten", typeof(UrlShortenerModule).Assembly, "page/shorten.html");
        return app;
    }
}
