using Blueprint.Caching;
using Blueprint.Capacity;
using Blueprint.CloudStorage;
using Blueprint.Hashing;
using Blueprint.Identity;
using Blueprint.Ids;
using Blueprint.Modules;
using Blueprint.RateLimiting;
using Blueprint.Todo;
using Blueprint.UrlShortener;

namespace Blueprint.Host.Catalog;

/// <summary>
/// Every system of the seeds, in the order they teach them: each built one's own descriptor, and a
/// planned entry for each not built yet, which the dashboard shows as such.
/// </summary>
public static class SystemCatalog
{
    public static IReadOnlyList<BlueprintModule> All { get; } =
    [
        CapacityModule.Descriptor,
        IdentityModule.Descriptor,
        TodoModule.Descriptor,
        UrlShortenerModule.Descriptor,
        RateLimiterModule.Descriptor,
        HashingModule.Descriptor,
        IdsModule.Descriptor,
        CachingModule.Descriptor,
        BlueprintModule.Planned("key-value", "Key-value store (Dynamo style)", "003 §6", "Blueprint.KeyValueStore"),
        CloudStorageModule.Descriptor,
        BlueprintModule.Planned("chat", "Chat", "000 §7.4; 003 §12", "Blueprint.Chat"),
        BlueprintModule.Planned("notifications", "Notification system", "000 §7.4; 003 §10", "Blueprint.Notifications"),
        BlueprintModule.Planned("news-feed", "News feed", "003 §11", "Blueprint.NewsFeed"),
        BlueprintModule.Planned("search", "Search autocomplete, search engine database", "000 §7.10; 003 §13", "Blueprint.Search"),
        BlueprintModule.Planned("crawler", "Web crawler", "003 §9", "Blueprint.Crawler"),
        BlueprintModule.Planned("video", "Video upload, transcoding, streaming", "000 §7.7–7.8; 003 §14", "Blueprint.Video"),
        BlueprintModule.Planned("messaging", "Message broker (point-to-point, pub/sub)", "000 §7.5; 003 §1", "Blueprint.Infrastructure (Messaging)",
            "The messaging port runs today (see backends); its own page is not built yet."),
    ];
}
