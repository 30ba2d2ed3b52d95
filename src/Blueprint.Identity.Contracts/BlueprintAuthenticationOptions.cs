namespace Blueprint.Identity.Contracts;

/// <summary>Which scheme checks a request that carries neither an API key nor an Authorization header.</summary>
public sealed class BlueprintAuthenticationOptions
{
    /// <summary>
    /// The identity module's cookie scheme where it runs in this host (its cookies are sealed with
    /// its own key ring); elsewhere the JWT scheme, which finds no token and leaves the caller anonymous.
    /// </summary>
    public string SessionScheme { get; set; } = BlueprintAuthentication.JwtScheme;
}
