using Blueprint.Modules;
using Blueprint.UrlShortener.Api;
using Blueprint.UrlShortener.Caching;
using Blueprint.UrlShortener.Storage;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Links;

/// <summary>
/// One create, validated and stored — shared by the single create, the bulk create and the CSV
/// import, so every row is checked the same way and a bad row never stops the good ones.
/// </summary>
internal sealed class LinkCreator(LinkStore store, LinkCache cache, DomainBlocklist blocklist, IOptions<UrlShortenerOptions> options, TimeProvider time)
{
    /// <param name="owner">The signed-in caller.</param>
    /// <param name="request">What was asked for.</param>
    /// <param name="ownHosts">The shortener's own host names, which no link may point to.</param>
    /// <param name="cancellationToken">Cancels the create.</param>
    public async Task<CreationResult> CreateAsync(string owner, CreateLinkRequest request, IReadOnlyCollection<string> ownHosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (url, urlError) = LinkInput.Target(request.Url, ownHosts);
        if (url is not null && blocklist.BlockedDomainOf(url.Host) is { } blocked)
        {
            (url, urlError) = (null, $"Links to {blocked} are not allowed here.");
        }

        var now = time.GetUtcNow();
        var errors = ValidationErrors.Of(("url", urlError), ("alias", LinkInput.AliasError(request.Alias)), ("expiresAt", LinkInput.ExpiryError(request.ExpiresAt, now)));
        if (errors.Count > 0)
        {
            return CreationResult.Refused(errors);
        }

        var expiresAt = request.ExpiresAt ?? (options.Value.DefaultLifetime is { } lifetime ? now + lifetime : null);
        var (outcome, link) = await store.CreateAsync(owner, new NewLink(url!, request.Alias, expiresAt, request.Permanent ?? false), cancellationToken);
        if (outcome == CreateOutcome.Created)
        {
            // Someone may have tried the key before it existed: drop the cached "no such key".
            await cache.InvalidateAsync(link!.Key, cancellationToken);
        }

        return outcome == CreateOutcome.AliasTaken
            ? new CreationResult(outcome, null, ValidationErrors.Of(("alias", $"The alias '{request.Alias}' is taken.")))
            : new CreationResult(outcome, link, []);
    }
}
