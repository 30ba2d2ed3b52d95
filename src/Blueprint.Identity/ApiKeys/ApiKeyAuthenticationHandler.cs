using System.Security.Claims;
using System.Text.Encodings.Web;
using Blueprint.Identity.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.Identity.ApiKeys;

/// <summary>Authenticates machine clients by the <c>X-Api-Key</c> header: a live key signs its owner in.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeySecret.Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        if (!ApiKeySecret.LooksLikeKey(key) || await keys.FindOwnerAsync(key, Context.RequestAborted) is not { } userId)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(Caller.AuthenticationMethodClaim, "api-key")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
