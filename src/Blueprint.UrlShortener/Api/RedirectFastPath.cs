using Blueprint.UrlShortener.Analytics;
using Blueprint.UrlShortener.Caching;
using Blueprint.UrlShortener.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Api;

/// <summary>
/// The redirect's fast path, first in the pipeline: a GET of <c>/{key}</c> whose link this process
/// has cached, live, is answered here — before exception handling, static files, authentication
/// and routing, which a redirect needs none of and which cost it over half its throughput. Anything
/// else (a miss, a gone link, another path) goes on to the endpoint, which answers the same way.
/// A path that is a literal route of the host (/todo, /health…) is never taken for a key.
/// </summary>
internal sealed class RedirectFastPath(RequestDelegate next, LinkCache links, ClickPublisher clicks, IOptions<UrlShortenerOptions> options, TimeProvider time, EndpointDataSource endpoints)
{
    private HashSet<string>? _routes;

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (!HttpMethods.IsGet(http.Request.Method) || path is not { Length: > 1 } || path.IndexOf('/', 1) >= 0)
        {
            return next(http);
        }

        var key = path[1..];
        return LinkInput.LooksLikeKey(key)
            && links.TryGetCached(key, out var link)
            && !Routes().Contains(key)
            && RedirectEndpoint.Follow(http, key, link, clicks, options.Value, time.GetUtcNow())
            ? Task.CompletedTask
            : next(http);
    }

    // The first segments of every route that starts with a literal, as routing matches them (any case).
    private HashSet<string> Routes() => _routes ??= new HashSet<string>(
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments is [var first, ..] ? first.Parts : null)
            .Where(parts => parts is [RoutePatternLiteralPart])
            .Select(parts => ((RoutePatternLiteralPart)parts![0]).Content),
        StringComparer.OrdinalIgnoreCase);
}
