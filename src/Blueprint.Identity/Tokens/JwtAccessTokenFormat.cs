using System.Security.Claims;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Tokens;

/// <summary>
/// Writes the access token that Identity's login and refresh endpoints hand out as a JWT signed with
/// the user service's current key, so that any system checks it with the published keys alone.
/// Tokens are checked by the JWT scheme of the contracts, never read back here.
/// </summary>
internal sealed class JwtAccessTokenFormat(SigningKeyStore keys, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(data);
        var principal = data.Principal;
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id."),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [JwtRegisteredClaimNames.Amr] = "pwd",
        };
        if (principal.FindFirstValue(ClaimTypes.Email) is { } email)
        {
            claims[JwtRegisteredClaimNames.Email] = email;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (data.Properties.ExpiresUtc ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = keys.Current.Credentials,
        });
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => null;

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => null;
}
