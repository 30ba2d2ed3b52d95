using Microsoft.AspNetCore.Http;

namespace Blueprint.RateLimiting.Http;

/// <summary>
/// Rate limiting in front of every endpoint, by the rules in force: a refused request gets 429 with
/// Retry-After and a ProblemDetails saying which rule; an admitted one goes on with the headers;
/// a queued one (leaking bucket) waits its turn first. Health and metrics are never limited.
/// </summary>
public sealed class RateLimitingMiddleware(RequestDelegate next, RuleRateLimiter limiter, TimeProvider time)
{
    private static readonly PathString[] Exempt = ["/health", "/metrics", "/gateway/health", "/gateway/metrics"];

    /// <summary>Decides the request, then passes it on or refuses it.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = limiter.Rules;
        if (rules.Roots.Count == 0 || Exempt.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var descriptors = rules.DescriptorsFor(key => RequestDescriptors.Value(context, key));
        if (descriptors.Count == 0)
        {
            await next(context);
            return;
        }

        var verdict = await limiter.CheckAsync(descriptors, rules.HitsFor(context.Request.Method, context.Request.Path.Value ?? "/"), context.RequestAborted);
        RateLimitHeaders.Apply(context.Response, verdict);
        if (!verdict.Allowed)
        {
            await Refuse(context, verdict.Binding!);
            return;
        }

        if (verdict.Delay > TimeSpan.Zero)
        {
            await Task.Delay(verdict.Delay, time, context.RequestAborted);
        }

        await next(context);
    }

    private static Task Refuse(HttpContext context, RuleOutcome binding)
    {
        var rule = binding.Rule;
        var never = binding.Decision.RetryAfter == TimeSpan.MaxValue;
        var detail = never
            ? $"This request costs more than the rule '{rule.Name}' allows in any {rule.Unit} ({rule.Limit.Limit}); it can never pass."
            : $"The rule '{rule.Name}' allows {rule.Limit.Limit} per {rule.Unit} ({rule.Algorithm}); retry after {RateLimitHeaders.Seconds(binding.Decision.RetryAfter)} s.";
        return Results.Problem(
            detail,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["rule"] = rule.Name, ["limit"] = rule.Limit.Limit, ["unit"] = rule.Unit })
            .ExecuteAsync(context);
    }
}
