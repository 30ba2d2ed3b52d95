using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.Identity.Users;

/// <summary>
/// Identity's sign-in manager answers at once for an unknown user but spends a password hash for a
/// known one, so response time tells an attacker which emails are registered. This one hashes the
/// offered password against a dummy hash when the user is unknown, so both cases cost the same.
/// </summary>
internal sealed class TimingSafeSignInManager(
    UserManager<BlueprintUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<BlueprintUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<BlueprintUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<BlueprintUser> confirmation)
    : SignInManager<BlueprintUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly BlueprintUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<BlueprintUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash.Value, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}
