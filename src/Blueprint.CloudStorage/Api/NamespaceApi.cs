using System.Security.Claims;
using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.CloudStorage.Api;

/// <summary>The caller's namespaces: their root ("root" in routes) and the shared folders they belong to.</summary>
internal static class NamespaceApi
{
    private const int MaxNameLength = 255;

    public static void MapNamespaceApi(this RouteGroupBuilder storage)
    {
        storage.MapGet("/namespaces", ListAsync).WithName("ListNamespaces").WithSummary("Your root and the shared folders you belong to, with your access to each.");
        storage.MapPost("/namespaces", CreateAsync).WithName("CreateSharedFolder").WithSummary("A new shared folder, owned by you.");
    }

    private static async Task<Ok<IReadOnlyList<NamespaceResponse>>> ListAsync(ClaimsPrincipal user, NamespaceStore namespaces, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<NamespaceResponse>>([.. (await namespaces.ListAsync(user.UserId(), cancellationToken)).Select(x => x.ToResponse())]);

    private static async Task<Results<Created<NamespaceResponse>, ProblemHttpResult>> CreateAsync(
        CreateNamespaceRequest request, ClaimsPrincipal user, HttpContext http, NamespaceStore namespaces, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            return StorageProblems.Invalid($"name is 1 to {MaxNameLength} characters, none of them control characters.");
        }

        var ns = await namespaces.CreateSharedAsync(user.UserId(), name, cancellationToken);
        return TypedResults.Created($"{http.Request.PathBase}/api/storage/ns/{ns.Id}/folder", ns.ToResponse());
    }
}
