using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blueprint.Benchmarks.UrlShortener;

/// <summary>
/// The peer for the redirect benchmark: bare Kestrel answering GET /{key} with the same 302 and
/// Cache-Control as the shortener, from an in-memory dictionary — everything a redirect must do, and nothing else.
/// </summary>
internal static class BareRedirectServer
{
    public static async Task RunAsync(int port, string key, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var links = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = url };
        app.MapGet("/{key}", (string key, HttpContext http) =>
        {
            if (!links.TryGetValue(key, out var target))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Redirect(target);
        });
        await app.RunAsync();
    }
}
