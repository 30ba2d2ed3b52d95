using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.CloudStorage.Sharing;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.Identity.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.CloudStorage.Api;

public sealed record MemberRequest(string? Email, string? Access);

public sealed record MemberResponse(string UserId, string? Email, string Access, DateTimeOffset AddedAt);

/// <summary>Sharing (issue 7): shared folders with members who read, or read and write; download links with an optional expiry.</summary>
internal static class SharingApi
{
    public static void MapMemberApi(this RouteGroupBuilder ns)
    {
        ns.MapGet("/members", MembersAsync).WithName("ListMembers").WithSummary("Who may use this namespace, and how.");
        ns.MapPut("/members", SetMemberAsync).WithName("SetMember").WithSummary("The owner of a shared folder adds a user (by email) or changes their access: read, or write.");
        ns.MapDelete("/members/{userId}", RemoveMemberAsync).WithName("RemoveMember").WithSummary("The owner removes a member, or a member leaves.");
        ns.MapPost("/links", CreateLinkAsync).RequiresWrite().WithName("CreateDownloadLink").WithSummary("A link anyone can download the file's current version from, until it expires or is revoked. The token is shown once.");
        ns.MapGet("/links", LinksAsync).WithName("ListDownloadLinks").WithSummary("The namespace's links that still work.");
        ns.MapDelete("/links/{id}", RevokeLinkAsync).RequiresWrite().WithName("RevokeDownloadLink").WithSummary("Revokes a link: it opens nothing from then on.");
    }

    public static void MapPublicLinks(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/storage/links/{token}", DownloadByLinkAsync).AllowAnonymous().WithTags("Cloud storage").WithName("DownloadByLink")
            .WithSummary("Downloads the file a link points to (no sign-in). 410 once the link expired. Recorded in the history with the link.");

    private static async Task<Ok<IReadOnlyList<MemberResponse>>> MembersAsync(HttpContext http, MemberStore members, IUserService users, CancellationToken cancellationToken)
    {
        var list = new List<MemberResponse>();
        foreach (var member in await members.ListAsync(http.Namespace(), cancellationToken))
        {
            var user = await users.FindUserByIdAsync(member.UserId, cancellationToken);
            list.Add(new MemberResponse(member.UserId, user?.Email, AccessNames.Name(member.Access), member.AddedAt));
        }

        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(list);
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> SetMemberAsync(
        MemberRequest request, HttpContext http, MemberStore members, IUserService users, TimeProvider time, CancellationToken cancellationToken)
    {
        var ns = http.Namespace();
        if (ns.Access != Access.Owner)
        {
            return StorageProblems.Problem(StatusCodes.Status403Forbidden, "Owner only", $"Only the owner of '{ns.Name}' chooses its members.", "owner-only");
        }

        if (ns.Kind != StorageNamespace.SharedKind)
        {
            return StorageProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Not a shared folder", "Your root is yours alone: create a shared folder (POST /api/storage/namespaces) and share that.", "not-shared");
        }

        if (request.Access is not ("read" or "write"))
        {
            return StorageProblems.Invalid("access is 'read' or 'write'.");
        }

        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindUserByEmailAsync(request.Email, cancellationToken);
        if (user is null)
        {
            return StorageProblems.Problem(StatusCodes.Status404NotFound, "No such user", "There is no user with that email.", "no-user");
        }

        var access = AccessNames.Parse(request.Access);
        if (!await members.SetAsync(ns, user.Id, access, cancellationToken))
        {
            return StorageProblems.Problem(StatusCodes.Status422UnprocessableEntity, "The owner", "The owner's access cannot change.", "owner");
        }

        return TypedResults.Ok(new MemberResponse(user.Id, user.Email, request.Access, time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(string userId, HttpContext http, MemberStore members, CancellationToken cancellationToken)
    {
        var ns = http.Namespace();
        var self = http.User.UserId() == userId;
        if (ns.Access != Access.Owner && !self)
        {
            return StorageProblems.Problem(StatusCodes.Status403Forbidden, "Owner only", $"Only the owner of '{ns.Name}' removes other members.", "owner-only");
        }

        return await members.RemoveAsync(ns, userId, cancellationToken)
            ? TypedResults.NoContent()
            : StorageProblems.Problem(StatusCodes.Status404NotFound, "No such member", self ? "The owner cannot leave their own folder." : $"{userId} is not a member (or is the owner).", "no-member");
    }

    private static async Task<Results<Created<LinkResponse>, ProblemHttpResult>> CreateLinkAsync(
        CreateLinkRequest request, HttpContext http, FileStore files, ShareLinkStore links, TimeProvider time, CancellationToken cancellationToken)
    {
        var ns = http.Namespace();
        if (!SyncPath.TryParse(request.Path, out var path, out var error))
        {
            return StorageProblems.BadPath("path", error);
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return StorageProblems.Invalid("expiresAt must be in the future.");
        }

        if (await files.FindLiveAsync(ns, path, cancellationToken) is not { } file)
        {
            return StorageProblems.NoSuchFile($"There is no file '{path}'.");
        }

        if (file.Folder)
        {
            return StorageProblems.IsFolder(file.Path);
        }

        var (link, token) = await links.CreateAsync(ns, file, http.User.UserId(), request.ExpiresAt, cancellationToken);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/storage/links/{token}";
        return TypedResults.Created(url, new LinkResponse(link.Id, link.Path, link.FileId, link.CreatedAt, link.ExpiresAt, url));
    }

    private static async Task<Ok<IReadOnlyList<LinkResponse>>> LinksAsync(HttpContext http, ShareLinkStore links, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<LinkResponse>>([.. (await links.ListAsync(http.Namespace(), cancellationToken)).Select(l => new LinkResponse(l.Id, l.Path, l.FileId, l.CreatedAt, l.ExpiresAt, null))]);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeLinkAsync(string id, HttpContext http, ShareLinkStore links, CancellationToken cancellationToken) =>
        await links.RevokeAsync(http.Namespace(), id, cancellationToken)
            ? TypedResults.NoContent()
            : StorageProblems.Problem(StatusCodes.Status404NotFound, "No such link", $"There is no working link {id}.", "no-link");

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadByLinkAsync(
        string token, HttpContext http, ShareLinkStore links, FileStore files, BlockStore blocks, HistoryLedger history, CancellationToken cancellationToken)
    {
        var (state, link) = await links.OpenAsync(token, cancellationToken);
        if (state == LinkState.Expired)
        {
            return StorageProblems.Problem(StatusCodes.Status410Gone, "Link expired", "This download link has expired.", "link-expired");
        }

        if (link is null)
        {
            return StorageProblems.Problem(StatusCodes.Status404NotFound, "No such link", "This download link does not exist, was revoked, or its file was deleted.", "no-link");
        }

        var parts = await files.BlocksAsync(link.Namespace, link.File.VersionId, cancellationToken);
        if (!FileApi.IsContinuation(http.Request))
        {
            var agent = new string([.. http.Request.Headers.UserAgent.ToString().Where(c => !char.IsControl(c)).Take(80)]);
            await history.AppendAsync(link.Namespace.Id, new HistoryEvent("anonymous", HistoryActions.LinkDownload, link.File.Path, link.File.Id, link.File.VersionId, $"link {link.LinkId}{(agent.Length > 0 ? " · " + agent : "")}"), cancellationToken);
        }

        return FileApi.Content(blocks, link.Namespace, parts, link.File.Path, link.File.ModifiedAt, link.File.ContentHash);
    }
}
