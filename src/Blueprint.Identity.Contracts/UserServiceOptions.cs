namespace Blueprint.Identity.Contracts;

/// <summary>Where a system finds the user service when it does not run in the same host (section <c>Identity</c>).</summary>
public sealed class UserServiceOptions
{
    public const string Section = "Identity";

    /// <summary>The user service's base address, e.g. http://127.0.0.1:5081; needed only when the identity module runs elsewhere.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// How long an answer about an API key is kept before the user service is asked again: a key
    /// revoked there is refused here within this time.
    /// </summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the user service's signing keys are kept before they are fetched again (sooner when a token names an unknown key).</summary>
    public TimeSpan SigningKeysCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one request to the user service may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
