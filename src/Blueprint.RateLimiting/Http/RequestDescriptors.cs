using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Blueprint.RateLimiting.Http;

/// <summary>
/// The descriptor keys an HTTP request supplies, for the rules' trees: <c>api_key</c> (the
/// X-Api-Key header), <c>user</c> and <c>tenant</c> (claims of the signed-in caller),
/// <c>client_ip</c>, <c>path</c>, <c>method</c>, and <c>any</c>, which every request has.
/// </summary>
public static class RequestDescriptors
{
    /// <summary>The keys, as rules files use them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["api_key", "user", "tenant", "client_ip", "path", "method", "any"];

    /// <summary>The request's value for <paramref name="key"/>, or null when it has none.</summary>
    public static string? Value(HttpContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        return key switch
        {
            "api_key" => context.Request.Headers["X-Api-Key"] is { Count: > 0 } apiKey && !string.IsNullOrEmpty(apiKey[0]) ? apiKey[0] : null,
            "user" => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") : null,
            "tenant" => user.Identity?.IsAuthenticated == true ? user.FindFirstValue("tenant") : null,
            "client_ip" => context.Connection.RemoteIpAddress?.ToString(),
            "path" => context.Request.Path.Value is { Length: > 0 } path ? path : "/",
            "method" => context.Request.Method,
            "any" => "*",
            _ => null,
        };
    }
}
