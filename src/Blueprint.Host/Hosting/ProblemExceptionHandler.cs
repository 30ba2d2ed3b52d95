using Blueprint.Identity.Contracts;
using Blueprint.Infrastructure.Backends;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Blueprint.Host.Hosting;

/// <summary>
/// Turns exceptions into ProblemDetails with a reason: malformed requests are 400 with what was
/// wrong, a misconfigured engine is 503 naming its setting, anything else a 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed", bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            BackendUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "A backend is unavailable", unavailable.Message),
            UserServiceUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "The user service is unavailable", unavailable.Message),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred", "The error was logged with the trace id below."),
        };
        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
