using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.CloudStorage.Api;

/// <summary>
/// The storage API's errors, each a ProblemDetails with a machine-readable <c>code</c> a sync client
/// can act on (upload the <c>missing</c> blocks, fetch the <c>current</c> version, ...).
/// </summary>
internal static class StorageProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail, string code, Dictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?>(more ?? []) { ["code"] = code };
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    // Another user's namespace answers exactly like one that does not exist.
    public static ProblemHttpResult NoSuchNamespace(string ns) =>
        Problem(StatusCodes.Status404NotFound, "No such namespace", $"You have no namespace '{ns}'.", "no-namespace");

    public static ProblemHttpResult ReadOnly(StorageNamespace ns) =>
        Problem(StatusCodes.Status403Forbidden, "Read-only", $"You may read '{ns.Name}' but not change it.", "read-only");

    public static ProblemHttpResult BadPath(string field, string error) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid path", $"{field}: {error}", "bad-path");

    public static ProblemHttpResult NoSuchFile(string what) =>
        Problem(StatusCodes.Status404NotFound, "No such file", what, "no-file");

    public static ProblemHttpResult IsFolder(string path) =>
        Problem(StatusCodes.Status409Conflict, "Is a folder", $"'{path}' is a folder: it has no content; list it with /folder.", "is-folder");

    public static ProblemHttpResult Invalid(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail, "invalid");

    /// <summary>The error of a write that made no version.</summary>
    public static ProblemHttpResult Of(WriteResult result) => result.Outcome switch
    {
        WriteOutcome.Stale => Problem(StatusCodes.Status409Conflict, "Stale parent version", result.Reason!, "stale",
            new() { ["current"] = result.Current?.ToResponse() }),
        WriteOutcome.MissingBlocks => Problem(StatusCodes.Status422UnprocessableEntity, "Blocks missing", result.Reason!, "missing-blocks",
            new() { ["missing"] = result.Missing ?? [] }),
        WriteOutcome.PathTaken => Problem(StatusCodes.Status409Conflict, "Path taken", result.Reason!, "path-taken"),
        WriteOutcome.OverQuota => Problem(StatusCodes.Status507InsufficientStorage, "Over quota", result.Reason!, "over-quota"),
        WriteOutcome.NotFound => NoSuchFile(result.Reason!),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Refused", result.Reason ?? "The change was refused.", "refused"),
    };

    public static string OutcomeName(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Unchanged => "unchanged",
        WriteOutcome.ConflictedCopy => "conflicted-copy",
        _ => "committed",
    };
}

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
