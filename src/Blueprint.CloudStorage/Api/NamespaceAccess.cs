using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.CloudStorage.Api;

/// <summary>
/// Resolves the <c>{ns}</c> of every route under /api/storage/ns before its handler runs: a
/// namespace the caller is not a member of answers 404, exactly like one that does not exist; a
/// read-only member gets 403 from the routes marked <see cref="RequiresWrite"/>. Handlers then take
/// the namespace from <see cref="Namespace"/>.
/// </summary>
internal static class NamespaceAccess
{
    private static readonly object WriteMark = new();

    public static RouteHandlerBuilder RequiresWrite(this RouteHandlerBuilder route) => route.WithMetadata(WriteMark);

    /// <summary>The namespace the route named, as the caller may use it.</summary>
    public static StorageNamespace Namespace(this HttpContext http) =>
        http.Items[typeof(StorageNamespace)] as StorageNamespace ?? throw new InvalidOperationException("The route has no namespace filter.");

    public static RouteGroupBuilder ResolvingNamespace(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = http.GetRouteValue("ns") as string ?? "";
            var store = http.RequestServices.GetRequiredService<NamespaceStore>();
            var found = await store.ResolveAsync(http.User.UserId(), id, http.RequestAborted);
            if (found is null)
            {
                return StorageProblems.NoSuchNamespace(id);
            }

            if (!found.CanWrite && http.GetEndpoint()?.Metadata.Contains(WriteMark) == true)
            {
                return StorageProblems.ReadOnly(found);
            }

            http.Items[typeof(StorageNamespace)] = found;
            return await next(context);
        });

    /// <summary>The client a change or download came through: the X-Blueprint-Device header, else "api".</summary>
    public static string Device(HttpContext http)
    {
        var raw = http.Request.Headers["X-Blueprint-Device"].ToString();
        var clean = new string(raw.Where(c => !char.IsControl(c)).Take(64).ToArray()).Trim();
        return clean.Length > 0 ? clean : "api";
    }

    public static Writer Writer(this HttpContext http) => new(http.User.UserId(), Device(http));
}
