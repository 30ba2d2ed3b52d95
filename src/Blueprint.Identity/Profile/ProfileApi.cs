using System.Security.Claims;
using Blueprint.Identity.Contracts;
using Blueprint.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Identity.Profile;

/// <summary>A change to the caller's profile.</summary>
public sealed record ProfileUpdate(string? DisplayName);

/// <summary>The caller's own profile.</summary>
internal static class ProfileApi
{
    public const int MaxDisplayNameLength = 100;

    public static RouteGroupBuilder MapProfileApi(this RouteGroupBuilder identity)
    {
        var profile = identity.MapGroup("/profile").RequireAuthorization();
        profile.MapGet("/", GetAsync).WithName("GetProfile").WithSummary("The caller's profile.");
        profile.MapPut("/", UpdateAsync).WithName("UpdateProfile").WithSummary("Changes the caller's display name.");
        return profile;
    }

    private static async Task<Results<Ok<Profile>, NotFound>> GetAsync(ClaimsPrincipal caller, UserManager<BlueprintUser> users)
    {
        var user = await users.FindByIdAsync(caller.UserId());
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(ToProfile(user));
    }

    private static async Task<Results<Ok<Profile>, NotFound, ValidationProblem, Conflict>> UpdateAsync(
        ProfileUpdate update, ClaimsPrincipal caller, UserManager<BlueprintUser> users)
    {
        var displayName = update.DisplayName?.Trim();
        if (displayName is { Length: > MaxDisplayNameLength } || displayName?.Any(char.IsControl) == true)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["displayName"] = [$"A display name is at most {MaxDisplayNameLength} printable characters."],
            });
        }

        var user = await users.FindByIdAsync(caller.UserId());
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        user.DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? TypedResults.Ok(ToProfile(user)) : TypedResults.Conflict();
    }

    private static Profile ToProfile(BlueprintUser user) => new(user.Id, user.Email, user.DisplayName, user.CreatedAt);
}
