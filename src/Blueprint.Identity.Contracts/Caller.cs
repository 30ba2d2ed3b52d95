using System.Security.Claims;

namespace Blueprint.Identity.Contracts;

/// <summary>
/// The helper every module uses to ask "who is this, and may they touch this resource?". Endpoints
/// that call it require authorization, so a caller always has an id; a resource owned by someone
/// else is answered as if it did not exist (404), so ids of other users' data leak nothing.
/// </summary>
public static class Caller
{
    /// <summary>How the caller proved who they are: a bearer token, a cookie, or an API key.</summary>
    public const string AuthenticationMethodClaim = "blueprint:auth";

    /// <summary>The signed-in user's id.</summary>
    /// <exception cref="InvalidOperationException">The endpoint does not require authorization.</exception>
    public static string UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user: call Caller.UserId only from endpoints that require authorization.");
    }

    /// <summary>True when <paramref name="ownerId"/> is the signed-in user.</summary>
    public static bool Owns(this ClaimsPrincipal principal, string ownerId) =>
        string.Equals(principal.UserId(), ownerId, StringComparison.Ordinal);
}
