using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>One followed short link, as it travels on the messaging port.</summary>
/// <param name="Key">The short key.</param>
/// <param name="AtMs">When, in Unix milliseconds.</param>
/// <param name="Referrer">The referring page's host, or "direct".</param>
/// <param name="Agent">The browser family (Chrome, Firefox, Safari, Edge, ...), or "bot".</param>
/// <param name="Bot">True for crawlers, link previewers and scripts.</param>
/// <param name="Visitor">A hash of address and user agent: counts visitors without storing either.</param>
/// <remarks>A click has no id of its own: the batch it travels in (<see cref="ClickBatch"/>) has one.</remarks>
internal sealed partial record ClickEvent(string Key, long AtMs, string Referrer, string Agent, bool Bot, string Visitor)
{
    /// <summary>The wire format: camelCase JSON, so consumers in other languages read it naturally.</summary>
    public static System.Text.Json.JsonSerializerOptions Json { get; } = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static ClickEvent From(HttpContext http, string key, DateTimeOffset at)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        var referrer = Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var from) && from.Host.Length > 0 ? from.Host.ToLowerInvariant() : "direct";
        var bot = agent.Length == 0 || BotPattern().IsMatch(agent);
        var visitor = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{http.Connection.RemoteIpAddress}\n{agent}")))[..16];
        return new ClickEvent(key, at.ToUnixTimeMilliseconds(), referrer, bot ? "bot" : Family(agent), bot, visitor);
    }

    // The order matters: Edge and Opera say Chrome too, Chrome says Safari too.
    private static string Family(string agent) =>
        agent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
        : agent.Contains("OPR/", StringComparison.Ordinal) ? "Opera"
        : agent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
        : agent.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome"
        : agent.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
        : "Other";

    [GeneratedRegex("bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python-requests|headless|httpclient", RegexOptions.IgnoreCase)]
    private static partial Regex BotPattern();
}
