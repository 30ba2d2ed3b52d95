using Blueprint.Modules;
using Blueprint.Identity.ApiKeys;
using Blueprint.Identity.Authorization;
using Blueprint.Identity.Profile;
using Blueprint.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blueprint.Identity;

/// <summary>
/// The user service (seed 000 §8.1): ASP.NET Core Identity's API endpoints on the relational port,
/// bearer tokens every host accepts (the key ring lives in the service's database), API keys, and
/// a profile. Other modules call <see cref="AddBlueprintAuthentication"/> to accept the same callers.
/// </summary>
public static class IdentityModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("identity", "User service: accounts, bearer tokens, API keys", "000 §8.1", "Blueprint.Identity")
    {
        ApiTag = "Identity",
        Add = b => b.AddIdentityService(),
        Map = e => e.MapIdentityService(),
    };

    /// <summary>The authentication scheme modules authorize against: an API key when sent, else a bearer token or cookie.</summary>
    public const string Scheme = "Blueprint";

    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBlueprintAuthentication();
        return builder;
    }

    /// <summary>Registers users, tokens and API keys; safe to call from several modules.</summary>
    public static IHostApplicationBuilder AddBlueprintAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(IdentityDatabase)))
        {
            return builder;
        }

        services.AddSingleton<IdentityDatabase>();
        services.AddSingleton<ApiKeyStore>();
        services.AddIdentityApiEndpoints<BlueprintUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddUserStore<UserStore>()
            .AddSignInManager<TimingSafeSignInManager>();

        services.AddDataProtection().SetApplicationName("blueprint");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IdentityDatabase>())));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(Scheme, "API key, bearer token or cookie", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeySecret.Header) ? ApiKeyAuthenticationHandler.SchemeName
                    : context.Request.Headers.Authorization.Count > 0 ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme;
                // An API answers 401/403, never the cookie scheme's redirect to a login page.
                options.ForwardChallenge = IdentityConstants.BearerScheme;
                options.ForwardForbid = IdentityConstants.BearerScheme;
            });
        services.AddAuthorization();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityService(this IEndpointRouteBuilder app)
    {
        var identity = app.MapGroup("/api/identity").WithTags("Identity");
        identity.MapIdentityApi<BlueprintUser>().AddEndpointFilter(NoEnumerationFilter.InvokeAsync);
        identity.MapProfileApi();
        identity.MapApiKeyApi();
        return app;
    }
}
