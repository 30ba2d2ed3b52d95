using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.Namespaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
