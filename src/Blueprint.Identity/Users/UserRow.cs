namespace Blueprint.Identity.Users;

/// <summary>A users row as both engines store it: booleans as 0/1, instants as Unix milliseconds.</summary>
internal sealed record UserRow
{
    public string Id { get; init; } = "";

    public string UserName { get; init; } = "";

    public string NormalizedUserName { get; init; } = "";

    public string? Email { get; init; }

    public string? NormalizedEmail { get; init; }

    public long EmailConfirmed { get; init; }

    public string? PasswordHash { get; init; }

    public string? SecurityStamp { get; init; }

    public string ConcurrencyStamp { get; init; } = "";

    public long LockoutEnabled { get; init; }

    public long? LockoutEndMs { get; init; }

    public long AccessFailedCount { get; init; }

    public string? DisplayName { get; init; }

    public long CreatedAtMs { get; init; }

    public static UserRow From(BlueprintUser user) => new()
    {
        Id = user.Id,
        UserName = user.UserName,
        NormalizedUserName = user.NormalizedUserName,
        Email = user.Email,
        NormalizedEmail = user.NormalizedEmail,
        EmailConfirmed = user.EmailConfirmed ? 1 : 0,
        PasswordHash = user.PasswordHash,
        SecurityStamp = user.SecurityStamp,
        ConcurrencyStamp = user.ConcurrencyStamp,
        LockoutEnabled = user.LockoutEnabled ? 1 : 0,
        LockoutEndMs = user.LockoutEnd?.ToUnixTimeMilliseconds(),
        AccessFailedCount = user.AccessFailedCount,
        DisplayName = user.DisplayName,
        CreatedAtMs = user.CreatedAt.ToUnixTimeMilliseconds(),
    };

    public BlueprintUser ToUser() => new()
    {
        Id = Id,
        UserName = UserName,
        NormalizedUserName = NormalizedUserName,
        Email = Email,
        NormalizedEmail = NormalizedEmail,
        EmailConfirmed = EmailConfirmed != 0,
        PasswordHash = PasswordHash,
        SecurityStamp = SecurityStamp,
        ConcurrencyStamp = ConcurrencyStamp,
        LockoutEnabled = LockoutEnabled != 0,
        LockoutEnd = LockoutEndMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        AccessFailedCount = (int)AccessFailedCount,
        DisplayName = DisplayName,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
    };
}
