using Blueprint.BuildingBlocks.Services.Caching;
using Blueprint.BuildingBlocks.Services.Hashing;
using Blueprint.BuildingBlocks.Services.Ids;
using Blueprint.Capacity;
using Blueprint.Identity;
using Blueprint.RateLimiting;
using Blueprint.Todo;
using Blueprint.CloudStorage;
using Blueprint.UrlShortener;
using Blueprint.Infrastructure.Modules;

namespace Blueprint.Host.Catalog;

/// <summary>
/// Every system of ARCHITECTURE.md, in the order the seeds teach them. A system joins the host by
/// giving its entry an Add and a Map; until then the dashboard shows it as not built yet.
/// </summary>
public static class SystemCatalog
{
    public static IReadOnlyList<BlueprintModule> All { get; } =
    [
        new("capacity", "Capacity estimation", "000 §1–2; 003 §2–3", "Blueprint.Capacity", "/capacity", b => b.AddCapacity(), e => e.MapCapacity(), ApiTag: "Capacity"),
        new("identity", "User service: accounts, bearer tokens, API keys", "000 §8.1", "Blueprint.Identity", null, b => b.AddIdentityService(), e => e.MapIdentityService(), ApiTag: "Identity"),
        new("todo", "Todo app: web app and todo service", "000 §8.1", "Blueprint.Todo", "/todo", b => b.AddTodo(), e => e.MapTodo(), Note: "Put N hosts behind Blueprint.Gateway with scripts/todo-cluster.sh.", ApiTag: "Todo"),
        new("url-shortener", "URL shortener", "000 §7.1, §8.2; 003 §8", "Blueprint.UrlShortener", "/shorten", b => b.AddUrlShortener(), e => e.MapUrlShortener(), Note: "Redirects at GET /{key}. Key design by UrlShortener:KeyDesign (unique-id, key-ranges, hash). Also: blueprint shorten, blueprint links, blueprint load url-shortener.", ApiTag: "URL shortener"),
        new("rate-limiter", "Rate limiter (in the API gateway)", "003 §1, §4", "Blueprint.RateLimiting", "/ratelimit", b => b.AddRateLimiter(), e => e.MapRateLimiter(), Note: "Rules from RateLimiting:Rules (ratelimits.yaml beside the host is an example); counters in Redis when configured. The gateway applies the same rules.", ApiTag: "Rate limiter"),
        new("hashing", "Consistent hashing", "003 §5", "Blueprint.BuildingBlocks (Hashing)", "/hashing", b => b.AddHashing(), e => e.MapHashing(), Note: "Also: blueprint hashing simulate.", ApiTag: "Consistent hashing"),
        new("ids", "Unique ID generator (Snowflake)", "003 §7", "Blueprint.BuildingBlocks (Ids)", "/ids", b => b.AddIds(), e => e.MapIds(), Note: "Worker ids leased from the cache port (Redis when configured).", ApiTag: "IDs"),
        new("cache", "Cache (LRU/LFU/FIFO, TTL, invalidation) and CDN", "000 §7.9; 003 §1", "Blueprint.BuildingBlocks (Caching)", "/cache", b => b.AddCaching(), e => e.MapCaching(), Note: "The CDN / edge cache in the gateway is not built yet. Also: blueprint cache simulate.", ApiTag: "Caching"),
        new("key-value", "Key-value store (Dynamo style)", "003 §6", "Blueprint.KeyValueStore"),
        new("cloud-storage", "Cloud storage and file sync (Dropbox)", "000 §7.3, §7.4, §7.6, §8.3; 003 §15", "Blueprint.CloudStorage", "/files", b => b.AddCloudStorage(), e => e.MapCloudStorage(), Note: "Sync a folder with blueprint sync FOLDER. The API at /api/storage: blocks, commits, versions, trash, moves, changes (long poll and server-sent events), shared folders, download links, a hash-chained history.", ApiTag: "Cloud storage"),
        new("chat", "Chat", "000 §7.4; 003 §12", "Blueprint.Chat"),
        new("notifications", "Notification system", "000 §7.4; 003 §10", "Blueprint.Notifications"),
        new("news-feed", "News feed", "003 §11", "Blueprint.NewsFeed"),
        new("search", "Search autocomplete, search engine database", "000 §7.10; 003 §13", "Blueprint.Search"),
        new("crawler", "Web crawler", "003 §9", "Blueprint.Crawler"),
        new("video", "Video upload, transcoding, streaming", "000 §7.7–7.8; 003 §14", "Blueprint.Video"),
        new("messaging", "Message broker (point-to-point, pub/sub)", "000 §7.5; 003 §1", "Blueprint.Infrastructure (Messaging)", Note: "The messaging port runs today (see backends); its own page is not built yet."),
    ];
}
