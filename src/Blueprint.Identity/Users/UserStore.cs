using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Blueprint.Identity.Users;

/// <summary>
/// ASP.NET Core Identity's user store on the relational port (SQLite or PostgreSQL, versioned SQL),
/// so the user service keeps its own database like every other module. Updates are optimistic:
/// a stale concurrency stamp fails rather than overwriting a concurrent change.
/// </summary>
internal sealed partial class UserStore(IdentityDatabase database, TimeProvider time) :
    IUserPasswordStore<BlueprintUser>, IUserEmailStore<BlueprintUser>, IUserLockoutStore<BlueprintUser>, IUserSecurityStampStore<BlueprintUser>
{
    private const string Columns = """
        id AS Id, user_name AS UserName, normalized_user_name AS NormalizedUserName, email AS Email,
        normalized_email AS NormalizedEmail, email_confirmed AS EmailConfirmed, password_hash AS PasswordHash,
        security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp, lockout_enabled AS LockoutEnabled,
        lockout_end_ms AS LockoutEndMs, access_failed_count AS AccessFailedCount, display_name AS DisplayName,
        created_at_ms AS CreatedAtMs
        """;

    public async Task<IdentityResult> CreateAsync(BlueprintUser user, CancellationToken cancellationToken)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = time.GetUtcNow();
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                                   security_stamp, concurrency_stamp, lockout_enabled, lockout_end_ms, access_failed_count, display_name, created_at_ms)
                VALUES (@Id, @UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @PasswordHash,
                        @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled, @LockoutEndMs, @AccessFailedCount, @DisplayName, @CreatedAtMs)
                """, UserRow.From(user), cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException ex) when (Blueprint.Infrastructure.Relational.DbErrors.IsUniqueViolation(ex))
        {
            // Two registrations racing for one name: the database's unique index decides.
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(BlueprintUser user, CancellationToken cancellationToken)
    {
        var expectedStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET user_name = @UserName, normalized_user_name = @NormalizedUserName, email = @Email,
                normalized_email = @NormalizedEmail, email_confirmed = @EmailConfirmed, password_hash = @PasswordHash,
                security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, lockout_enabled = @LockoutEnabled,
                lockout_end_ms = @LockoutEndMs, access_failed_count = @AccessFailedCount, display_name = @DisplayName
            WHERE id = @Id AND concurrency_stamp = @ExpectedStamp
            """, WithExpectedStamp(UserRow.From(user), expectedStamp), cancellationToken: cancellationToken));
        return updated == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(BlueprintUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public Task<BlueprintUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindOneAsync("id = @Value", userId, cancellationToken);

    public Task<BlueprintUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_user_name = @Value", normalizedUserName, cancellationToken);

    public Task<BlueprintUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_email = @Value", normalizedEmail, cancellationToken);

    private async Task<BlueprintUser?> FindOneAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE {condition}", new { Value = value }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    private static DynamicParameters WithExpectedStamp(UserRow row, string expectedStamp)
    {
        var parameters = new DynamicParameters(row);
        parameters.Add("ExpectedStamp", expectedStamp);
        return parameters;
    }

    public void Dispose()
    {
    }
}
