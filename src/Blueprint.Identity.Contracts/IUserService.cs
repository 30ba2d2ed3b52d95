using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Contracts;

/// <summary>
/// The user service as other systems reach it. The identity module serves it in process when it
/// runs in the same host; otherwise <see cref="RemoteUserService"/> asks the user service at
/// <c>Identity:Url</c> over HTTP.
/// </summary>
public interface IUserService
{
    /// <summary>The id of the user who owns a live API key; null for an unknown or revoked one.</summary>
    Task<string?> FindApiKeyOwnerAsync(string key, CancellationToken cancellationToken);

    /// <summary>The user with this email, or null.</summary>
    Task<UserSummary?> FindUserByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The user with this id, or null.</summary>
    Task<UserSummary?> FindUserByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>The public keys the user service signs access tokens with (its JWKS).</summary>
    Task<IReadOnlyList<JsonWebKey>> SigningKeysAsync(CancellationToken cancellationToken);
}
