using Blueprint.Capacity.Estimation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Capacity.Api;

/// <summary>The capacity estimator over HTTP: the table of contents of its API.</summary>
internal static class CapacityApi
{
    public static RouteGroupBuilder MapCapacityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/capacity").WithTags("Capacity");
        api.MapGet("/presets", ListPresets).WithName("ListCapacityPresets").WithSummary("The seeds' worked examples, one per system.");
        api.MapGet("/presets/{name}/estimate", EstimatePreset).ProducesProblem(StatusCodes.Status404NotFound).WithName("EstimateCapacityPreset").WithSummary("Estimates a preset's capacity, rounded as the seed does or exactly.");
        api.MapPost("/estimate", Estimate).WithName("EstimateCapacity").WithSummary("Estimates throughput, bandwidth and storage from the scale questions of seed 000 §1.2.");
        return api;
    }

    private static Ok<IReadOnlyList<CapacityPreset>> ListPresets() => TypedResults.Ok(CapacityPresets.All);

    private static Results<Ok<CapacityEstimate>, ProblemHttpResult> EstimatePreset(string name, Rounding? rounding)
    {
        if (CapacityPresets.Find(name) is not { } preset)
        {
            return TypedResults.Problem(
                title: "No such preset",
                detail: $"There is no capacity preset '{name}'. Presets: {string.Join(", ", CapacityPresets.All.Select(p => p.Name))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(CapacityEstimator.Estimate(preset.Inputs with { Rounding = rounding ?? Rounding.Seed }));
    }

    private static Results<Ok<CapacityEstimate>, ValidationProblem> Estimate(CapacityInputs inputs)
    {
        var errors = inputs.Validate();
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The capacity inputs are not usable")
            : TypedResults.Ok(CapacityEstimator.Estimate(inputs));
    }
}
