using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Identity.ApiKeys;

/// <summary>A request to create an API key: a name for its owner to recognise it by.</summary>
public sealed record CreateApiKeyRequest([property: Required, StringLength(ApiKeyApi.MaxNameLength, MinimumLength = 1)] string Name);

/// <summary>A new API key, with the secret shown this once.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>API keys for machine clients: created, listed and revoked by their owner, sent as the X-Api-Key header.</summary>
internal static class ApiKeyApi
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeyApi(this RouteGroupBuilder identity)
    {
        var keys = identity.MapGroup("/api-keys").RequireAuthorization();
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Creates an API key; the secret is in this response only.");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The caller's API keys, without their secrets.");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revokes one of the caller's API keys; it stops working at once.");
        return keys;
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"A key's name must be 1 to {MaxNameLength} characters."],
            });
        }

        var (info, secret) = await store.CreateAsync(user.UserId(), name, cancellationToken);
        return TypedResults.Created($"/api/identity/api-keys/{info.Id}", new CreatedApiKey(info, secret));
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(ClaimsPrincipal user, ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(user.UserId(), cancellationToken));

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, ClaimsPrincipal user, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.RevokeAsync(user.UserId(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
