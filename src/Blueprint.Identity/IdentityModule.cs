using Blueprint.Identity.ApiKeys;
using Blueprint.Identity.Api;
using Blueprint.Identity.Authorization;
using Blueprint.Identity.Contracts;
using Blueprint.Identity.Profile;
using Blueprint.Identity.Tokens;
using Blueprint.Identity.Users;
using Blueprint.Modules;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Blueprint.Identity;

/// <summary>
/// The user service (seed 000 §8.1): ASP.NET Core Identity's API endpoints on the relational port,
/// access tokens as JWTs signed with keys it publishes, API keys, and a profile. Other systems
/// accept its callers through Blueprint.Identity.Contracts, in process in this host and over HTTP
/// from another, never through its tables.
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

    /// <summary>Registers users, tokens and API keys, and serves the user service's contract to this host's modules.</summary>
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<IdentityDatabase>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SigningKeyStore>();
        services.AddHostedService(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddSingleton<JwtAccessTokenFormat>();
        services.AddIdentityApiEndpoints<BlueprintUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddUserStore<UserStore>()
            .AddSignInManager<TimingSafeSignInManager>();
        // Login and refresh hand out JWTs; refresh tokens stay sealed with the key ring, read only here.
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<JwtAccessTokenFormat>((options, jwt) => options.BearerTokenProtector = jwt);

        services.AddDataProtection().SetApplicationName("blueprint");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<IdentityDatabase>())));

        services.RemoveAll<IUserService>();
        services.AddSingleton<IUserService, LocalUserService>();
        services.Configure<BlueprintAuthenticationOptions>(options => options.SessionScheme = IdentityConstants.ApplicationScheme);
        builder.AddBlueprintAuthentication();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityService(this IEndpointRouteBuilder app)
    {
        var identity = app.MapGroup("/api/identity").WithTags("Identity");
        identity.MapIdentityApi<BlueprintUser>().AddEndpointFilter(NoEnumerationFilter.InvokeAsync);
        identity.MapProfileApi();
        identity.MapApiKeyApi();
        app.MapUserServiceApi(identity);
        return app;
    }
}
