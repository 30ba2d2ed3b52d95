using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blueprint.Host.Hosting;

/// <summary>
/// The OpenAPI document's title, its introduction (what Blueprint is, how to get a token or an API
/// key), and the two ways a caller signs in, so "Try it" can send either.
/// </summary>
internal sealed class BlueprintOpenApiDocument : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";

    private const string Introduction = """
        Blueprint builds the systems of two system-design texts for real — a URL shortener, a rate limiter, Snowflake IDs,
        consistent hashing, Dropbox-style file sync, a todo app and more — each as a module of this host.

        **Signing in.** Register with `POST /api/identity/register`, then `POST /api/identity/login` answers an
        `accessToken`: send it as `Authorization: Bearer <token>` (choose *Bearer* under Authentication). For scripts,
        create an API key with `POST /api/identity/api-keys` (signed in) and send it as `X-Api-Key: bpk_…` (choose *ApiKey*).
        Operations marked with a lock need one of the two; another user's resources answer 404.

        Every refusal is a ProblemDetails (RFC 9457) that says why.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo { Title = "Blueprint API", Version = "v1", Description = Introduction };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from POST /api/identity/login.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "An API key from POST /api/identity/api-keys (bpk_…).",
        };
        return Task.CompletedTask;
    }
}
