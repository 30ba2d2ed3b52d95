using System.Globalization;
using Blueprint.BuildingBlocks.Hashing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Hashing;

/// <summary>A ring to draw.</summary>
/// <param name="VirtualNodes">Tokens per node.</param>
/// <param name="Nodes">The nodes.</param>
public sealed record RingPicture(int VirtualNodes, IReadOnlyList<RingNode> Nodes);

/// <summary>Consistent hashing (seed 003 §5) to look at: a ring, a key's replicas, and every scheme compared.</summary>
internal static class HashingApi
{
    private const int MaxNodes = 64;
    private const int MaxVirtualNodes = 500;
    private const int MaxKeys = 200_000;

    public static RouteGroupBuilder MapHashingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/hashing").WithTags("Consistent hashing");
        api.MapGet("/ring", Ring).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetHashRing").WithSummary("A ring of nodes node-0 … node-(N−1) with V virtual nodes each: every token's position and each node's share.");
        api.MapGet("/locate", Locate).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("LocateKey").WithSummary("The node that owns a key and the next distinct nodes clockwise (replica placement).");
        api.MapGet("/simulate", Simulate).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("SimulateHashing").WithSummary("Places keys with modulo, ring, jump, rendezvous, Maglev and bounded loads; load spread and keys moved when a node joins or leaves.");
        return api;
    }

    private static Results<Ok<RingPicture>, ValidationProblem> Ring(int? nodes, int? vnodes)
    {
        if (Validate(nodes ?? 5, vnodes ?? 20, 1) is { } problem)
        {
            return problem;
        }

        var ring = new ConsistentHashRing(HashingSimulation.NodeNames(nodes ?? 5), vnodes ?? 20);
        var shares = ring.Ownership();
        var tokens = ring.Tokens.ToLookup(t => t.Node, t => Position(t.Token));
        return TypedResults.Ok(new RingPicture(ring.VirtualNodes, [.. ring.Nodes.Select(n => new RingNode(n, shares[n], [.. tokens[n]]))]));
    }

    private static Results<Ok<KeyPlacement>, ValidationProblem> Locate(string? key, int? nodes, int? vnodes, int? replicas)
    {
        if (string.IsNullOrEmpty(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["Give the key to place."] });
        }

        if (Validate(nodes ?? 5, vnodes ?? 20, 1) is { } problem)
        {
            return problem;
        }

        var count = replicas ?? 3;
        if (count < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["replicas"] = ["At least 1 replica."] });
        }

        var ring = new ConsistentHashRing(HashingSimulation.NodeNames(nodes ?? 5), vnodes ?? 20);
        var hash = KeyHash.Of(key);
        return TypedResults.Ok(new KeyPlacement(key, hash.ToString("x16", CultureInfo.InvariantCulture), Position(hash), ring.NodesFor(hash, count)));
    }

    private static Results<Ok<IReadOnlyList<SchemeResult>>, ValidationProblem> Simulate(int? nodes, int? vnodes, int? keys)
    {
        var n = nodes ?? 10;
        var v = vnodes ?? 200;
        var k = keys ?? 100_000;
        if (Validate(n, v, k) is { } problem)
        {
            return problem;
        }

        if (n < 2)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nodes"] = ["A join and a leave need at least 2 nodes."] });
        }

        return TypedResults.Ok(HashingSimulation.Run(n, v, k));
    }

    private static ValidationProblem? Validate(int nodes, int vnodes, int keys)
    {
        var errors = new Dictionary<string, string[]>();
        if (nodes is < 1 or > MaxNodes)
        {
            errors["nodes"] = [$"nodes is {nodes}; this page draws 1 to {MaxNodes} (the CLI simulates more)."];
        }

        if (vnodes is < 1 or > MaxVirtualNodes)
        {
            errors["vnodes"] = [$"vnodes is {vnodes}; use 1 to {MaxVirtualNodes}."];
        }

        if (keys is < 1 or > MaxKeys)
        {
            errors["keys"] = [$"keys is {keys}; the API places 1 to {MaxKeys:N0} (blueprint hashing simulate places millions)."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The ring's parameters are out of range");
    }

    private static double Position(ulong hash) => hash / 18446744073709551616.0;
}
