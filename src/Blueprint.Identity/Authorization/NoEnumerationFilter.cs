using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Blueprint.Identity.Authorization;

/// <summary>
/// Closes the two ways Identity's stock endpoints tell a stranger which emails are registered.
/// Login: every failure (wrong password, unknown email, locked out) gets the same 401. Register: an
/// email that is taken gets the same empty 200 as a new one (OWASP's advice; a real deployment
/// would email the owner instead). Timing is evened out by <c>TimingSafeSignInManager</c>.
/// </summary>
internal static class NoEnumerationFilter
{
    private static readonly string[] DuplicateCodes = ["DuplicateUserName", "DuplicateEmail"];

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // Identity's handlers return typed unions (Results<Ok, ProblemHttpResult, ...>): look inside.
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var path = context.HttpContext.Request.Path.Value ?? "";
        if (path.EndsWith("/login", StringComparison.OrdinalIgnoreCase) && result is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
        {
            return TypedResults.Problem(
                title: "Login failed",
                detail: "The email or password is wrong, or the account is locked for a while after repeated failures.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (path.EndsWith("/register", StringComparison.OrdinalIgnoreCase)
            && result is ValidationProblem validation
            && validation.ProblemDetails.Errors.Keys.All(code => DuplicateCodes.Contains(code)))
        {
            return TypedResults.Ok();
        }

        return result;
    }
}
