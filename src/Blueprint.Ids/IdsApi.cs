using System.Globalization;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Ids;

/// <summary>IDs as issued; as strings, because JavaScript numbers lose 64-bit IDs past 2^53 (Twitter's id_str).</summary>
/// <param name="Scheme">Which generator issued them.</param>
/// <param name="Ids">The IDs, in the order issued.</param>
public sealed record IdBatch(string Scheme, IReadOnlyList<string> Ids);

/// <summary>The ID service over HTTP (seed 003 §7).</summary>
internal static class IdsApi
{
    private static readonly string[] Schemes = ["snowflake", "ticket", "uuid-v7", "uuid-v4", "ulid"];

    public static RouteGroupBuilder MapIdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ids").WithTags("IDs");
        api.MapGet("/", IssueAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("IssueIds").WithSummary("Issues count IDs (1 to 10,000) with the chosen scheme: snowflake (default), ticket, uuid-v7, uuid-v4 or ulid.");
        api.MapGet("/worker", (IdIssuer issuer) => TypedResults.Ok(issuer.Status()))
            .WithName("GetIdWorker").WithSummary("The datacenter and worker id this host issues under, and its lease.");
        api.MapGet("/{id}", Decode).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("DecodeId").WithSummary("Takes a Snowflake ID apart: timestamp, datacenter, worker, sequence.");
        return api;
    }

    private static async Task<Results<Ok<IdBatch>, ProblemHttpResult>> IssueAsync(
        IdIssuer issuer, TicketServer tickets, UuidV7Generator uuidV7, UlidGenerator ulids, int? count, string? scheme, CancellationToken cancellationToken)
    {
        var n = count ?? 1;
        if (n is < 1 or > IdServiceOptions.MaxBatch)
        {
            return Problem(StatusCodes.Status400BadRequest, "Count out of range", $"count is {n}; ask for 1 to {IdServiceOptions.MaxBatch:N0} IDs per request.");
        }

        scheme ??= "snowflake";
        try
        {
            IReadOnlyList<string> ids = scheme switch
            {
                "snowflake" => await SnowflakesAsync(issuer, n, cancellationToken),
                "ticket" => Strings(await tickets.NextAsync(n, cancellationToken)),
                "uuid-v7" => [.. Enumerable.Range(0, n).Select(_ => uuidV7.Next().ToString())],
                "uuid-v4" => [.. Enumerable.Range(0, n).Select(_ => UuidV4Generator.Next().ToString())],
                "ulid" => [.. Enumerable.Range(0, n).Select(_ => ulids.Next().ToString())],
                _ => throw new ArgumentException($"There is no ID scheme '{scheme}'. Schemes: {string.Join(", ", Schemes)}."),
            };
            return TypedResults.Ok(new IdBatch(scheme, ids));
        }
        catch (ArgumentException unknown)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown scheme", unknown.Message);
        }
        catch (IdsUnavailableException unavailable)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "No worker id to issue under", unavailable.Message);
        }
        catch (ClockMovedBackwardsException clock)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "The clock moved backwards", clock.Message);
        }
    }

    private static Results<Ok<DecodedId>, ProblemHttpResult> Decode(IdIssuer issuer, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a Snowflake ID", $"'{id}' is not a Snowflake ID: a whole number from 0 to {long.MaxValue}.");
        }

        var parts = issuer.Codec.Decode(value);
        return TypedResults.Ok(new DecodedId(id, parts.Timestamp, parts.MillisecondsSinceEpoch, parts.DatacenterId, parts.WorkerId, parts.Sequence));
    }

    private static async Task<string[]> SnowflakesAsync(IdIssuer issuer, int count, CancellationToken cancellationToken)
    {
        await issuer.WaitForWorkerAsync(cancellationToken);
        return Strings(issuer.Next(count));
    }

    private static string[] Strings(long[] ids) => [.. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
