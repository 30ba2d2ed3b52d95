using System.Globalization;
using Blueprint.UrlShortener.Caching;

namespace Blueprint.Benchmarks.UrlShortener;

/// <summary>
/// Memory per cached link in the redirect path's in-process cache (the real one, LinkCache's tier):
/// the managed heap after a full collection, before and after filling it with links of the seed's
/// size (000 §8.2: 200-byte URLs, keys of 7 characters).
/// </summary>
internal static class CachedLinksMemoryReport
{
    public static async Task WriteAsync(TextWriter output, int links)
    {
        var keys = Enumerable.Range(0, links).Select(i => i.ToString("x7", CultureInfo.InvariantCulture)).ToArray();
        var urlPrefix = "https://www.example.com/" + new string('p', 200 - 24 - 8);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cache = LinkCache.CreateLocal(links, TimeProvider.System);
        foreach (var key in keys)
        {
            // Each URL its own string, as links loaded from the database would be.
            await cache.GetOrLoadAsync(key, (k, _) => Task.FromResult(new CachedTarget(urlPrefix + k.PadLeft(8, '0'), false, null, false)));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perLink = (after - before) / (double)links;
        output.WriteLine($"| links cached | heap growth | bytes per link | per million links | of which the URL string |");
        output.WriteLine($"|---:|---:|---:|---:|---:|");
        var urlBytes = 22 + 2 * 200; // a .NET string: header and length, then UTF-16
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cache.Cache.Count:N0} | {(after - before) / 1048576.0:N1} MiB | {perLink:N0} | {perLink * 1_000_000 / 1048576.0:N0} MiB | {urlBytes} |"));
        GC.KeepAlive(cache);
        GC.KeepAlive(keys);
    }
}
