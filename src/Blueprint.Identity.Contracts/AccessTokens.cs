namespace Blueprint.Identity.Contracts;

/// <summary>What the user service's access tokens are, so that every system checks them alike.</summary>
public static class AccessTokens
{
    /// <summary>The <c>iss</c> of every token.</summary>
    public const string Issuer = "blueprint-identity";

    /// <summary>The <c>aud</c> of every token: any Blueprint system.</summary>
    public const string Audience = "blueprint";

    /// <summary>ECDSA P-256 with SHA-256: small signatures, and only the public half leaves the user service.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Where the user service publishes its public keys.</summary>
    public const string KeySetPath = "/.well-known/jwks.json";

    /// <summary>How far clocks of two hosts may disagree when a token's lifetime is checked.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
}
