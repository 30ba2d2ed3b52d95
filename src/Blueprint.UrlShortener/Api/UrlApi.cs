using System.Security.Claims;
using Blueprint.Ids.Contracts;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.UrlShortener.Analytics;
using Blueprint.UrlShortener.Caching;
using Blueprint.UrlShortener.Links;
using Blueprint.UrlShortener.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Api;

/// <summary>The shortener's API (000 §8.2): create, a user's link history, delete, change expiry.</summary>
internal static class UrlApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapUrlApi(this IEndpointRouteBuilder app)
    {
        var urls = app.MapGroup("/api/urls")
            .WithTags("URL shortener")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        urls.MapPost("/", CreateAsync).WithName("CreateShortUrl").WithSummary("Shortens a URL; the same URL again gives the same short URL.");
        urls.MapGet("/", HistoryAsync).WithName("ListShortUrls").WithSummary("The caller's links, newest (or oldest) first, a page at a time.");
        urls.MapGet("/{key}", GetAsync).WithName("GetShortUrl").WithSummary("One of the caller's links.");
        urls.MapPatch("/{key}", ChangeExpiryAsync).WithName("ChangeShortUrlExpiry").WithSummary("Changes or clears a link's expiry.");
        urls.MapDelete("/{key}", DeleteAsync).WithName("DeleteShortUrl").WithSummary("Deletes a link: its key answers 410 from then on.");
        urls.MapGet("/{key}/stats", StatsAsync).WithName("ShortUrlStats").WithSummary("Clicks per day, distinct visitors, referrers and browsers of one of the caller's links.");
        urls.MapBulkApi();
        urls.MapQrCodes();
        return urls;
    }

    private static async Task<Results<Created<LinkResponse>, Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateLinkRequest request, ClaimsPrincipal user, HttpContext http, LinkCreator creator, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var baseUrl = BaseUrl(http, options.Value);
        try
        {
            var result = await creator.CreateAsync(user.UserId(), request, OwnHosts(http, baseUrl), cancellationToken);
            return result.Outcome switch
            {
                CreateOutcome.Created => TypedResults.Created($"/api/urls/{result.Link!.Key}", Response(result.Link, baseUrl, time.GetUtcNow())),
                CreateOutcome.Existing => TypedResults.Ok(Response(result.Link!, baseUrl, time.GetUtcNow())),
                CreateOutcome.AliasTaken => TypedResults.Problem($"The alias '{request.Alias}' is taken.", statusCode: StatusCodes.Status409Conflict, title: "Alias taken"),
                _ => TypedResults.ValidationProblem(result.Errors, title: "The link cannot be created"),
            };
        }
        catch (IdsUnavailableException unavailable)
        {
            return TypedResults.Problem(unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No key can be issued right now");
        }
    }

    private static async Task<Results<Ok<LinkPage>, ValidationProblem>> HistoryAsync(
        ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken,
        string sort = "desc", int limit = DefaultPageSize, string? cursor = null)
    {
        var after = cursor is null ? null : LinkCursor.Decode(cursor);
        var errors = ValidationErrors.Of(
            ("sort", sort is "asc" or "desc" ? null : "sort is asc (oldest first) or desc (newest first)."),
            ("limit", limit is >= 1 and <= MaxPageSize ? null : $"limit is from 1 to {MaxPageSize}."),
            ("cursor", cursor is not null && after is null ? "The cursor is not one this API gave out." : null));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The history request is not valid");
        }

        var links = await store.HistoryAsync(user.UserId(), sort == "desc", after, limit + 1, cancellationToken);
        var page = links.Take(limit).ToList();
        var next = links.Count > limit ? new LinkCursor(page[^1].Link.CreatedAt.ToUnixTimeMilliseconds(), page[^1].Link.Key).Encode() : null;
        var baseUrl = BaseUrl(http, options.Value);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new LinkPage([.. page.Select(l => Response(l.Link, baseUrl, now) with { Clicks = l.Clicks })], next));
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> GetAsync(
        string key, ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        await store.FindOwnAsync(user.UserId(), key, cancellationToken) is { } link
            ? TypedResults.Ok(Response(link, BaseUrl(http, options.Value), time.GetUtcNow()))
            : NoSuchLink(key);

    private static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> ChangeExpiryAsync(
        string key, ChangeExpiryRequest request, ClaimsPrincipal user, HttpContext http, LinkStore store, LinkCache cache, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (LinkInput.ExpiryError(request.ExpiresAt, now) is { } error)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("expiresAt", error)), title: "The expiry cannot be set");
        }

        if (await store.SetExpiryAsync(user.UserId(), key, request.ExpiresAt, cancellationToken) is not { } link)
        {
            return NoSuchLink(key);
        }

        await cache.InvalidateAsync(key, cancellationToken);
        return TypedResults.Ok(Response(link, BaseUrl(http, options.Value), now));
    }

    private static async Task<Results<Ok<LinkStats>, ValidationProblem, ProblemHttpResult>> StatsAsync(
        string key, ClaimsPrincipal user, LinkStore store, ClickStats stats, TimeProvider time, CancellationToken cancellationToken, int days = 30, bool excludeBots = false)
    {
        if (days is < 1 or > 366)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("days", "days is from 1 to 366.")), title: "The stats request is not valid");
        }

        if (await store.FindOwnAsync(user.UserId(), key, cancellationToken) is null)
        {
            return NoSuchLink(key);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(await stats.ForAsync(key, today.AddDays(1 - days), today, excludeBots, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string key, ClaimsPrincipal user, LinkStore store, LinkCache cache, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(user.UserId(), key, cancellationToken))
        {
            return NoSuchLink(key);
        }

        await cache.InvalidateAsync(key, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static IReadOnlyCollection<string> OwnHosts(HttpContext http, Uri baseUrl) => [baseUrl.Host, http.Request.Host.Host];

    internal static Uri BaseUrl(HttpContext http, UrlShortenerOptions options) =>
        options.BaseUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");

    internal static LinkResponse Response(Link link, Uri baseUrl, DateTimeOffset now) =>
        new(link.Key, new Uri(baseUrl, link.Key).ToString(), link.Url, link.Custom, link.Permanent, link.CreatedAt, link.ExpiresAt, link.ExpiresAt <= now);

    // Another user's key answers exactly like a key that does not exist.
    internal static ProblemHttpResult NoSuchLink(string key) =>
        TypedResults.Problem($"You have no link '{key}'.", statusCode: StatusCodes.Status404NotFound, title: "No such link");
}
