using System.Globalization;
using System.Security.Claims;
using System.Text;
using Blueprint.Ids.Contracts;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.UrlShortener.Links;
using Blueprint.UrlShortener.Storage;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Api;

/// <summary>Many links at once: a JSON batch, and a user's links imported from and exported to CSV — each row checked on its own.</summary>
internal static class BulkApi
{
    public const int MaxRows = 1000;
    private const long MaxCsvBytes = 1024 * 1024;
    private static readonly string[] CsvColumns = ["key", "short_url", "url", "custom", "permanent", "created_at", "expires_at", "clicks"];

    public static RouteGroupBuilder MapBulkApi(this RouteGroupBuilder urls)
    {
        urls.MapPost("/bulk", BulkAsync).WithName("CreateShortUrls").WithSummary($"Creates up to {MaxRows} links; each row succeeds or fails on its own.");
        urls.MapPost("/import", ImportAsync).WithName("ImportShortUrls").WithSummary("Creates links from CSV (url, alias, expires_at, permanent); each row succeeds or fails on its own.")
            .Accepts<string>("text/csv");
        urls.MapGet("/export", ExportAsync).WithName("ExportShortUrls").WithSummary("The caller's links as CSV.");
        return urls;
    }

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem>> BulkAsync(
        BulkRequest request, ClaimsPrincipal user, HttpContext http, LinkCreator creator, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Links is not { Count: > 0 and <= MaxRows } links)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("links", $"Give 1 to {MaxRows:N0} links.")), title: "The batch is not valid");
        }

        return TypedResults.Ok(await CreateAllAsync([.. links.Select((l, i) => (i + 1, l ?? new CreateLinkRequest(null, null, null, null)))], user, http, creator, options.Value, time, cancellationToken));
    }

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem>> ImportAsync(
        ClaimsPrincipal user, HttpContext http, LinkCreator creator, IOptions<UrlShortenerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is > MaxCsvBytes)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("csv", $"A CSV import is at most {MaxCsvBytes / 1024:N0} KB.")), title: "The import is not valid");
        }

        var rows = new List<(int Row, CreateLinkRequest Request)>();
        var rowErrors = new List<BulkRow>();
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { NormalizeHeaderName = name => name.Trim().ToLowerInvariant() });
        await csv.ReadHeaderAsync(cancellationToken);
        if (!csv.TryGetFieldIndex("url", out _))
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("csv", "The first line must be a header naming at least the url column (url,alias,expires_at,permanent).")), title: "The import is not valid");
        }

        while (await csv.ReadAsync(cancellationToken))
        {
            var row = (int)csv.RowNumber;
            if (row > MaxRows)
            {
                return TypedResults.ValidationProblem(ValidationErrors.Of(("csv", $"An import has at most {MaxRows:N0} rows.")), title: "The import is not valid");
            }

            var (request, errors) = ParseRow(csv);
            if (request is null)
            {
                rowErrors.Add(new BulkRow(row, "error", null, errors));
                continue;
            }

            rows.Add((row, request));
        }

        var created = await CreateAllAsync(rows, user, http, creator, options.Value, time, cancellationToken);
        return TypedResults.Ok(created with { Rows = [.. created.Rows.Concat(rowErrors).OrderBy(r => r.Row)], Failed = created.Failed + rowErrors.Count });
    }

    private static async Task ExportAsync(ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, CancellationToken cancellationToken)
    {
        var baseUrl = UrlApi.BaseUrl(http, options.Value);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"links.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        foreach (var column in CsvColumns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        LinkCursor? after = null;
        while (true)
        {
            var page = await store.HistoryAsync(user.UserId(), newestFirst: false, after, 500, cancellationToken);
            foreach (var (link, clicks) in page)
            {
                csv.WriteField(link.Key);
                csv.WriteField(new Uri(baseUrl, link.Key).ToString());
                csv.WriteField(link.Url);
                csv.WriteField(link.Custom ? "true" : "false");
                csv.WriteField(link.Permanent ? "true" : "false");
                csv.WriteField(link.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                csv.WriteField(link.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(clicks.ToString(CultureInfo.InvariantCulture));
                await csv.EndRecordAsync(cancellationToken);
            }

            if (page.Count < 500)
            {
                break;
            }

            after = new LinkCursor(page[^1].Link.CreatedAt.ToUnixTimeMilliseconds(), page[^1].Link.Key);
        }

        await csv.FlushAsync(cancellationToken);
    }

    // One CSV row as a create request, or why it cannot be one; columns other than url are optional.
    private static (CreateLinkRequest? Request, Dictionary<string, string[]> Errors) ParseRow(CsvReader csv)
    {
        string Field(string name) => csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : string.Empty;
        var (url, alias, expires, permanent) = (Field("url"), Field("alias"), Field("expires_at"), Field("permanent"));
        DateTimeOffset? expiresAt = null;
        if (expires.Length > 0)
        {
            if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, ValidationErrors.Of(("expires_at", $"'{expires}' is not a date and time (write it as 2026-12-24T18:00:00Z).")));
            }

            expiresAt = parsed;
        }

        bool? isPermanent = null;
        if (permanent.Length > 0)
        {
            if (!bool.TryParse(permanent, out var value))
            {
                return (null, ValidationErrors.Of(("permanent", $"'{permanent}' is not true or false.")));
            }

            isPermanent = value;
        }

        return (new CreateLinkRequest(url, alias.Length > 0 ? alias : null, expiresAt, isPermanent), []);
    }

    private static async Task<BulkResponse> CreateAllAsync(
        List<(int Row, CreateLinkRequest Request)> rows, ClaimsPrincipal user, HttpContext http, LinkCreator creator, UrlShortenerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var baseUrl = UrlApi.BaseUrl(http, options);
        var owner = user.UserId();
        var results = new List<BulkRow>(rows.Count);
        foreach (var (row, request) in rows)
        {
            try
            {
                var result = await creator.CreateAsync(owner, request, UrlApi.OwnHosts(http, baseUrl), cancellationToken);
                results.Add(result.Link is { } link
                    ? new BulkRow(row, result.Outcome == CreateOutcome.Created ? "created" : "existing", UrlApi.Response(link, baseUrl, time.GetUtcNow()), null)
                    : new BulkRow(row, "error", null, result.Errors));
            }
            catch (IdsUnavailableException unavailable)
            {
                results.Add(new BulkRow(row, "error", null, ValidationErrors.Of(("key", unavailable.Message))));
            }
        }

        return new BulkResponse(results.Count(r => r.Status == "created"), results.Count(r => r.Status == "existing"), results.Count(r => r.Status == "error"), results);
    }
}

/// <summary>POST /api/urls/bulk: the links to create.</summary>
public sealed record BulkRequest(List<CreateLinkRequest?>? Links);

/// <summary>What happened to each row: created, existing (shortened before) or error, with the link or the reasons.</summary>
public sealed record BulkRow(int Row, string Status, LinkResponse? Link, Dictionary<string, string[]>? Errors);

/// <summary>Counts and the rows, in order.</summary>
public sealed record BulkResponse(int Created, int Existing, int Failed, IReadOnlyList<BulkRow> Rows);
