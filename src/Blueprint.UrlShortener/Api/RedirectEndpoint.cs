using Blueprint.UrlShortener.Analytics;
using Blueprint.UrlShortener.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Api;

/// <summary>
/// GET /{key} (000 §8.2, 003 §8): 302 by default, so every click reaches us and is counted; 301 for
/// links marked permanent, with a cache lifetime so browsers come back now and then; 404 for a key
/// that never was; 410 for one deleted or expired. Literal routes (/api, /todo...) win over this one.
/// </summary>
internal static class RedirectEndpoint
{
    public static IEndpointConventionBuilder MapRedirect(this IEndpointRouteBuilder app) =>
        app.MapGet("/{key:regex(^[A-Za-z0-9_-]{{1,32}}$)}", RedirectAsync)
            .WithTags("URL shortener")
            .WithName("FollowShortUrl")
            .WithSummary("Redirects a short key to its URL.")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    private static async Task<IResult> RedirectAsync(string key, HttpContext http, LinkCache links, ClickPublisher clicks, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var link = await links.GetAsync(key, cancellationToken);
        if (link.Url is null)
        {
            return TypedResults.Problem($"No short link '{key}' exists.", statusCode: StatusCodes.Status404NotFound, title: "No such link");
        }

        var now = time.GetUtcNow();
        if (!Follow(http, key, link, clicks, options.Value, now))
        {
            var expired = link.ExpiresAtMs <= now.ToUnixTimeMilliseconds();
            return TypedResults.Problem($"The short link '{key}' has {(expired ? "expired" : "been deleted")}.", statusCode: StatusCodes.Status410Gone, title: "Link gone");
        }

        return TypedResults.Empty;
    }

    /// <summary>
    /// Answers a live link's redirect — status, Location, Cache-Control — and records the click on
    /// the side, or returns false for a deleted or expired one (checked at every redirect, so a
    /// cached link still ends on time). Shared by the endpoint and <see cref="RedirectFastPath"/>.
    /// </summary>
    internal static bool Follow(HttpContext http, string key, CachedTarget link, ClickPublisher clicks, UrlShortenerOptions options, DateTimeOffset now)
    {
        if (link.Url is null || link.Deleted || link.ExpiresAtMs <= now.ToUnixTimeMilliseconds())
        {
            return false;
        }

        // Counted on the side: the redirect never waits for the click to be written.
        clicks.Record(ClickEvent.From(http, key, now));
        var response = http.Response;
        // A temporary redirect is never cached, so every click comes back to be counted; a permanent
        // one is cached for a while only, so the counting resumes.
        response.Headers.CacheControl = link.Permanent ? $"public, max-age={(long)options.PermanentRedirectCacheLifetime.TotalSeconds}" : "private, no-store";
        response.Headers.Location = link.Url;
        response.StatusCode = link.Permanent ? StatusCodes.Status301MovedPermanently : StatusCodes.Status302Found;
        return true;
    }
}
