using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Blueprint.RateLimiting.Http;

/// <summary>
/// What a client is told about its limits, on every response of a limited route: the de-facto
/// <c>X-RateLimit-Limit/Remaining/Reset</c> (reset in seconds from now, as GitHub's successors and
/// Envoy send it) for the binding rule, the IETF <c>RateLimit-Policy</c> and <c>RateLimit</c>
/// fields for every enforced rule, and <c>Retry-After</c> on a refusal.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>Writes the headers of <paramref name="verdict"/> onto <paramref name="response"/>.</summary>
    public static void Apply(HttpResponse response, RateLimitVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Binding is not { } binding)
        {
            return;
        }

        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = Number(binding.Decision.Limit);
        headers["X-RateLimit-Remaining"] = Number(Math.Max(0, binding.Decision.Remaining));
        headers["X-RateLimit-Reset"] = Number(Seconds(binding.Decision.ResetAfter));
        headers["RateLimit-Policy"] = string.Join(", ", verdict.Enforced.Select(o =>
            $"{Quoted(o.Rule.Name)};q={Number(o.Rule.Limit.Limit)};w={Number((long)o.Rule.Limit.Window.TotalSeconds)}"));
        headers["RateLimit"] = string.Join(", ", verdict.Enforced.Select(o =>
            $"{Quoted(o.Rule.Name)};r={Number(Math.Max(0, o.Decision.Remaining))};t={Number(Seconds(o.Decision.ResetAfter))}"));
        if (!verdict.Allowed && binding.Decision.RetryAfter != TimeSpan.MaxValue)
        {
            headers.RetryAfter = Number(Seconds(binding.Decision.RetryAfter));
        }
    }

    /// <summary>Whole seconds, rounded up, so a client that waits that long is never early.</summary>
    public static long Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(span.TotalSeconds);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A structured-field string (RFC 8941): quotes and backslashes escaped, other characters kept printable.
    private static string Quoted(string name) =>
        "\"" + new string([.. name.Where(c => c is >= ' ' and <= '~')]).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
