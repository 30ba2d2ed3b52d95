namespace Blueprint.Identity.Users;

/// <summary>A person or machine owner known to the user service. Identity fills most fields; <see cref="DisplayName"/> is the profile.</summary>
public sealed class BlueprintUser
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString();

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public bool EmailConfirmed { get; set; }

    public string? PasswordHash { get; set; }

    public string? SecurityStamp { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
