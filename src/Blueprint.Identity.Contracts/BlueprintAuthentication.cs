using Blueprint.Modules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Contracts;

/// <summary>
/// How a system accepts the user service's callers without its tables: an API key, checked through
/// <see cref="IUserService"/>, or a bearer JWT, checked against the keys the user service publishes.
/// </summary>
public static class BlueprintAuthentication
{
    /// <summary>The scheme modules authorize against: an API key when sent, else a bearer token, else the session.</summary>
    public const string Scheme = "Blueprint";

    /// <summary>The scheme that checks the user service's access tokens.</summary>
    public const string JwtScheme = "BlueprintJwt";

    /// <summary>
    /// Registers the schemes and, unless the identity module serves it in this host, the user service
    /// over HTTP at <c>Identity:Url</c>; safe to call from several modules, in any order.
    /// </summary>
    public static IHostApplicationBuilder AddBlueprintAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(SigningKeysConfiguration)))
        {
            return builder;
        }

        services.AddOptions<UserServiceOptions>().Bind(builder.Configuration.GetSection(UserServiceOptions.Section));
        services.AddOptions<BlueprintAuthenticationOptions>();
        services.AddHttpContextAccessor();
        services.AddHttpClient(RemoteUserService.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<UserServiceOptions>>().Value.Timeout);
        // The identity module replaces this with its own, in process, whether it registers before or after.
        services.TryAddSingleton<IUserService, RemoteUserService>();
        services.AddSingleton(sp => new SigningKeysConfiguration(
            sp.GetRequiredService<IUserService>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<UserServiceOptions>>().Value.SigningKeysCacheDuration));
        services.AddSingleton<IModuleStartupCheck, UserServiceCheck>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(JwtScheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or session", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyFormat.Header) ? ApiKeyAuthenticationHandler.SchemeName
                    : context.Request.Headers.Authorization.Count > 0 ? JwtScheme
                    : context.RequestServices.GetRequiredService<IOptions<BlueprintAuthenticationOptions>>().Value.SessionScheme;
                // An API answers 401/403, never a cookie scheme's redirect to a login page.
                options.ForwardChallenge = JwtScheme;
                options.ForwardForbid = JwtScheme;
            });
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<SigningKeysConfiguration, TimeProvider>((options, keys, time) =>
        {
            options.ConfigurationManager = keys;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AccessTokens.Issuer,
                ValidAudience = AccessTokens.Audience,
                ValidAlgorithms = [AccessTokens.Algorithm],
                RequireExpirationTime = true,
                // The host's clock, not the machine's, so that a test's clock decides too.
                LifetimeValidator = (notBefore, expires, _, _) =>
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    return expires is { } end && now < end + AccessTokens.ClockSkew && (notBefore is not { } start || start - AccessTokens.ClockSkew <= now);
                },
            };
        });
        services.AddAuthorization();
        return builder;
    }
}
