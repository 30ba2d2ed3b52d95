using Blueprint.BuildingBlocks.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Caching;

/// <summary>Cache eviction (seed 000 §7.9) to look at: what each policy and size would hit on a trace.</summary>
internal static class CachingApi
{
    private const int MaxLength = 1_000_000;

    public static RouteGroupBuilder MapCachingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cache").WithTags("Caching");
        api.MapGet("/simulate", Simulate).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("SimulateCache").WithSummary("Replays a Zipf or shifting trace through LRU, LFU, FIFO and segmented LRU at each size; the hit ratio of each.");
        return api;
    }

    private static Results<Ok<CacheSimulation>, ValidationProblem> Simulate(string? trace, string? sizes, int? length, int? keys, int? seed)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = trace ?? "zipf";
        if (kind is not ("zipf" or "shifting"))
        {
            errors["trace"] = [$"trace is '{kind}'; use zipf or shifting (the CLI also replays a file)."];
        }

        var n = length ?? 200_000;
        if (n is < 1 or > MaxLength)
        {
            errors["length"] = [$"length is {n}; replay 1 to {MaxLength:N0} requests here."];
        }

        var distinct = keys ?? 20_000;
        if (distinct is < 1 or > MaxLength)
        {
            errors["keys"] = [$"keys is {distinct}; use 1 to {MaxLength:N0}."];
        }

        IReadOnlyList<int> parsed = [];
        try
        {
            parsed = TraceSimulation.ParseSizes(sizes ?? "100,1000,5000");
            if (parsed.Count is 0 or > 8)
            {
                errors["sizes"] = ["Give 1 to 8 sizes, e.g. 100,1k,5k."];
            }
        }
        catch (FormatException bad)
        {
            errors["sizes"] = [bad.Message];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The simulation's parameters are not usable");
        }

        var requests = kind == "zipf" ? KeyTraces.Zipf(n, distinct, seed: seed ?? 1) : KeyTraces.Shifting(n, distinct, seed: seed ?? 1);
        return TypedResults.Ok(new CacheSimulation(kind, n, requests.Distinct().Count(), TraceSimulation.Run(requests, parsed)));
    }
}
