using System.Security.Cryptography;
using Blueprint.Identity.Contracts;
using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Tokens;

/// <summary>One ECDSA P-256 key of the user service: it signs with the private half and publishes the public one.</summary>
internal sealed class SigningKey : IDisposable
{
    private readonly ECDsa _ecdsa;

    public SigningKey(string kid, ECDsa ecdsa, DateTimeOffset createdAt)
    {
        Kid = kid;
        _ecdsa = ecdsa;
        CreatedAt = createdAt;
        Credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = kid }, AccessTokens.Algorithm);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        Public = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Crv = JsonWebKeyECTypes.P256,
            X = Base64UrlEncoder.Encode(point.X),
            Y = Base64UrlEncoder.Encode(point.Y),
            Kid = kid,
            Alg = AccessTokens.Algorithm,
            Use = JsonWebKeyUseNames.Sig,
        };
    }

    public string Kid { get; }

    public DateTimeOffset CreatedAt { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public half as a JWK, as the key set publishes it.</summary>
    public JsonWebKey Public { get; }

    public void Dispose() => _ecdsa.Dispose();
}
