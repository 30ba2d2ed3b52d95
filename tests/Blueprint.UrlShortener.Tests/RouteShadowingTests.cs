using Blueprint.UrlShortener.Links;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.UrlShortener.Tests;

/// <summary>
/// A short key must never hide a page or API of the host: the redirect's fast path runs before
/// routing, so the aliases it could serve must exclude every literal route.
/// </summary>
public sealed class RouteShadowingTests
{
    [Fact]
    public void EveryLiteralFirstSegmentOfTheHostsRoutes_IsRefusedAsAnAlias()
    {
        using var host = new BlueprintFactory([]);
        var literals = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart literal] }, ..] ? literal.Content : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.Contains("shorten", literals, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("health", literals, StringComparer.OrdinalIgnoreCase);
        Assert.All(literals, route => Assert.NotNull(LinkInput.AliasError(route)));
    }
}
