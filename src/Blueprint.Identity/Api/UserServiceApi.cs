using Blueprint.Identity.Contracts;
using Blueprint.Identity.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Identity.Api;

/// <summary>A request to check an API key.</summary>
public sealed record VerifyApiKeyRequest(string Key);

/// <summary>
/// What other systems ask the user service over HTTP when it runs in another host: its public
/// signing keys, who owns an API key, and who a user is (for a signed-in caller only).
/// </summary>
internal static class UserServiceApi
{
    public static void MapUserServiceApi(this IEndpointRouteBuilder app, RouteGroupBuilder identity)
    {
        app.MapGet(AccessTokens.KeySetPath, KeySet).AllowAnonymous().WithTags("Identity").WithName("SigningKeys")
            .WithSummary("The public keys access tokens are signed with (a JWKS), for systems that check tokens themselves.");
        identity.MapPost("/api-keys/verify", VerifyApiKeyAsync).AllowAnonymous().WithName("VerifyApiKey")
            .WithSummary("Who owns this API key: 404 for an unknown or revoked one. For systems that accept API keys.");
        var users = identity.MapGroup("/users").RequireAuthorization();
        users.MapGet("/", FindByEmailAsync).WithName("FindUserByEmail").WithSummary("The user with this email (404 if none), for a signed-in caller.");
        users.MapGet("/{id}", FindByIdAsync).WithName("FindUserById").WithSummary("The user with this id (404 if none), for a signed-in caller.");
    }

    private static async Task<IResult> KeySet(SigningKeyStore keys, HttpContext http, CancellationToken cancellationToken)
    {
        var published = await keys.PublishedAsync(cancellationToken);
        http.Response.Headers.CacheControl = "public, max-age=300";
        // RFC 7517's members only, not every (empty) property of the library's type.
        return Results.Json(new { keys = published.Select(k => k.Public).Select(k => new { kty = k.Kty, crv = k.Crv, x = k.X, y = k.Y, kid = k.Kid, alg = k.Alg, use = k.Use }) });
    }

    private static async Task<Results<Ok<ApiKeyOwner>, NotFound>> VerifyApiKeyAsync(VerifyApiKeyRequest request, IUserService users, CancellationToken cancellationToken) =>
        ApiKeyFormat.LooksLikeKey(request.Key) && await users.FindApiKeyOwnerAsync(request.Key, cancellationToken) is { } owner
            ? TypedResults.Ok(new ApiKeyOwner(owner))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<UserSummary>, NotFound>> FindByEmailAsync(string email, IUserService users, CancellationToken cancellationToken) =>
        await users.FindUserByEmailAsync(email, cancellationToken) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    private static async Task<Results<Ok<UserSummary>, NotFound>> FindByIdAsync(string id, IUserService users, CancellationToken cancellationToken) =>
        await users.FindUserByIdAsync(id, cancellationToken) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();
}
