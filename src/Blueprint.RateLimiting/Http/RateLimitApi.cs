using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.RateLimiting.Http;

/// <summary>
/// The decision service, for callers that are not .NET (Envoy's ratelimit service, in JSON):
/// <c>POST /api/ratelimit/check</c> with descriptors; plus the rules in force and the traffic simulation for the page.
/// </summary>
public static class RateLimitApi
{
    private const int MaxDescriptors = 32;
    private const int MaxEntries = 16;
    private const int MaxText = 512;
    private static readonly int[] SimulatedWindows = [1, 2, 5, 10, 30, 60];

    /// <summary>Maps the endpoints under /api/ratelimit.</summary>
    public static IEndpointRouteBuilder MapRateLimitApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ratelimit").WithTags("Rate limiter");
        api.MapPost("/check", CheckAsync).WithSummary("Decide a request described by descriptors: allowed, remaining, reset");
        api.MapGet("/rules", Rules).WithSummary("The rules in force, where they came from, and why the latest file was refused");
        api.MapGet("/simulate", Simulate).WithSummary("Drive a traffic pattern through every algorithm and see what each admits when");
        return app;
    }

    private static async Task<Results<Ok<CheckResponse>, ValidationProblem>> CheckAsync(CheckRequest request, RuleRateLimiter limiter, CancellationToken cancellationToken)
    {
        if (Validate(request, limiter.Rules.Domain) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The check request is not valid");
        }

        var descriptors = request.Descriptors!.Select(d => (IReadOnlyList<DescriptorEntry>)[.. d!.Entries!.Select(e => new DescriptorEntry(e!.Key!, e.Value!))]).ToList();
        var verdict = await limiter.CheckAsync(descriptors, request.Hits ?? 1, cancellationToken);
        var statuses = verdict.PerDescriptor.Select(outcome => outcome is null ? DescriptorStatus.NoRule : DescriptorStatus.Of(outcome)).ToList();
        var retry = verdict.Allowed ? (long?)null : verdict.Binding is { Decision.RetryAfter: var after } && after != TimeSpan.MaxValue ? RateLimitHeaders.Seconds(after) : null;
        return TypedResults.Ok(new CheckResponse(verdict.Allowed, verdict.Allowed ? "OK" : "OVER_LIMIT", retry, RateLimitHeaders.Seconds(verdict.Delay), statuses));
    }

    private static Dictionary<string, string[]> Validate(CheckRequest request, string domain)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Domain is not null && request.Domain != domain)
        {
            errors["domain"] = [$"This limiter serves the domain '{domain}', not '{request.Domain}'."];
        }

        if (request.Hits is < 1 or > 1_000_000)
        {
            errors["hits"] = ["hits is from 1 to 1,000,000."];
        }

        if (request.Descriptors is not { Count: > 0 and <= MaxDescriptors } descriptors)
        {
            errors["descriptors"] = [$"Give 1 to {MaxDescriptors} descriptors, each a list of entries."];
            return errors;
        }

        for (var i = 0; i < descriptors.Count; i++)
        {
            if (descriptors[i]?.Entries is not { Count: > 0 and <= MaxEntries } entries)
            {
                errors[$"descriptors[{i}].entries"] = [$"A descriptor has 1 to {MaxEntries} entries."];
            }
            else if (entries.FindIndex(e => e is null || string.IsNullOrEmpty(e.Key) || string.IsNullOrEmpty(e.Value) || e.Key.Length > MaxText || e.Value.Length > MaxText) is var bad and >= 0)
            {
                errors[$"descriptors[{i}].entries[{bad}]"] = [$"An entry has a key and a value, each 1 to {MaxText} characters."];
            }
        }

        return errors;
    }

    private static Ok<RulesResponse> Rules(RateLimitRuleSource source) => TypedResults.Ok(new RulesResponse(
        source.Path,
        source.Current.Domain,
        source.Version,
        source.LoadedAt,
        source.Problems,
        [.. source.Current.Rules.Select(r => new RuleSummary(r.Name, r.Algorithm, r.Limit.Limit, r.Unit, r.Cost, r.Shadow, r.Queue, r.Line))],
        RequestDescriptors.Keys));

    private static Results<Ok<IReadOnlyList<TrafficResult>>, ValidationProblem> Simulate(TrafficPattern pattern = TrafficPattern.EdgeBurst, int limit = 10, int windowSeconds = 1, int windows = 4)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit is from 1 to 1,000 requests per window."];
        }

        if (!SimulatedWindows.Contains(windowSeconds))
        {
            errors["windowSeconds"] = [$"windowSeconds is one of {string.Join(", ", SimulatedWindows)}, so windows align with the clock's minutes."];
        }

        if (windows is < 1 or > 20)
        {
            errors["windows"] = ["windows is from 1 to 20."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, title: "The simulation's parameters are not valid")
            : TypedResults.Ok(TrafficSimulation.Run(pattern, new RateLimit(limit, TimeSpan.FromSeconds(windowSeconds)), windows));
    }
}

/// <summary>A check: descriptors in Envoy's shape, each a list of key/value entries.</summary>
public sealed record CheckRequest(string? Domain, List<DescriptorRequest?>? Descriptors, long? Hits = null);

/// <summary>One descriptor of a check.</summary>
public sealed record DescriptorRequest(List<EntryRequest?>? Entries);

/// <summary>One entry of a descriptor.</summary>
public sealed record EntryRequest(string? Key, string? Value);

/// <summary>The decision: OK or OVER_LIMIT overall, and per descriptor.</summary>
public sealed record CheckResponse(bool Allowed, string OverallCode, long? RetryAfterSeconds, long DelaySeconds, IReadOnlyList<DescriptorStatus> Statuses);

/// <summary>The rules in force and the file's state.</summary>
public sealed record RulesResponse(string? File, string Domain, int Version, DateTimeOffset? LoadedAt, IReadOnlyList<string> Problems, IReadOnlyList<RuleSummary> Rules, IReadOnlyList<string> RequestKeys);

/// <summary>One rule, flattened.</summary>
public sealed record RuleSummary(string Name, string Algorithm, long Limit, string Unit, long Cost, bool Shadow, bool Queue, int Line);
