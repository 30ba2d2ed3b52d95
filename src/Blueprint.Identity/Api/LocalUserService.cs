using Blueprint.Identity.ApiKeys;
using Blueprint.Identity.Contracts;
using Blueprint.Identity.Tokens;
using Blueprint.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Api;

/// <summary>The user service's contract served in process, for the modules of a host that runs the identity module.</summary>
internal sealed class LocalUserService(ApiKeyStore apiKeys, SigningKeyStore signingKeys, IServiceScopeFactory scopes) : IUserService
{
    public Task<string?> FindApiKeyOwnerAsync(string key, CancellationToken cancellationToken) => apiKeys.FindOwnerAsync(key, cancellationToken);

    public async Task<UserSummary?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return Summary(await scope.ServiceProvider.GetRequiredService<UserManager<BlueprintUser>>().FindByEmailAsync(email));
    }

    public async Task<UserSummary?> FindUserByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return Summary(await scope.ServiceProvider.GetRequiredService<UserManager<BlueprintUser>>().FindByIdAsync(id));
    }

    public async Task<IReadOnlyList<JsonWebKey>> SigningKeysAsync(CancellationToken cancellationToken) =>
        [.. (await signingKeys.PublishedAsync(cancellationToken)).Select(k => k.Public)];

    private static UserSummary? Summary(BlueprintUser? user) => user is null ? null : new UserSummary(user.Id, user.Email);
}
