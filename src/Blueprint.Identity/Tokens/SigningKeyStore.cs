using System.Security.Cryptography;
using Blueprint.Identity.Users;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blueprint.Identity.Tokens;

/// <summary>
/// The user service's signing keys, in its database and shared by its hosts. A new key is made
/// when the newest is older than <see cref="RotateAfter"/>, and signs only once it has been
/// published for <see cref="PublishAhead"/>, longer than other systems keep the key set; a key is
/// published until every token it signed has expired. Loaded before the host serves, and reloaded
/// in the background, because signing is synchronous; a database that cannot be reached at start-up
/// does not stop the host (a sign-in then answers 503, as every request needing it does).
/// </summary>
internal sealed partial class SigningKeyStore(IdentityDatabase database, IDataProtectionProvider protection, TimeProvider time, ILogger<SigningKeyStore> logger) : BackgroundService
{
    public static readonly TimeSpan RotateAfter = TimeSpan.FromDays(30);
    public static readonly TimeSpan PublishAhead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PublishedFor = RotateAfter + PublishAhead + TimeSpan.FromDays(1);
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    private readonly IDataProtector _sealer = protection.CreateProtector("Blueprint.Identity.SigningKeys");
    private volatile List<SigningKey> _keys = [];

    private sealed record Row(string Kid, string PrivateKey, long CreatedAtMs);

    /// <summary>The key to sign with now: the newest published long enough, or the oldest while none is.</summary>
    /// <exception cref="Blueprint.Infrastructure.Backends.BackendUnavailableException">No key is loaded and the database cannot be reached.</exception>
    public SigningKey Current
    {
        get
        {
            var keys = _keys;
            if (keys.Count == 0)
            {
                // Only when the database was down at start-up: signing is synchronous, so this one load is too.
                ReloadAsync(CancellationToken.None).GetAwaiter().GetResult();
                keys = _keys;
            }

            var ready = time.GetUtcNow() - PublishAhead;
            return keys.Where(k => k.CreatedAt <= ready).MaxBy(k => (k.CreatedAt, k.Kid)) ?? keys.MinBy(k => (k.CreatedAt, k.Kid))!;
        }
    }

    /// <summary>Every key whose tokens may still be live, newest first.</summary>
    public async Task<IReadOnlyList<SigningKey>> PublishedAsync(CancellationToken cancellationToken)
    {
        if (_keys.Count == 0)
        {
            await ReloadAsync(cancellationToken);
        }

        return _keys;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Makes a key if the newest is due for rotation, then loads the published ones.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var newest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(created_at_ms) FROM signing_keys", cancellationToken: cancellationToken));
        if (newest is null || DateTimeOffset.FromUnixTimeMilliseconds(newest.Value) < now - RotateAfter)
        {
            // Two hosts rotating at once each add a key; both are published, and all hosts then sign with the same newest one.
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signing_keys (kid, private_key, created_at_ms) VALUES (@Kid, @PrivateKey, @CreatedAtMs)",
                new Row(Guid.CreateVersion7().ToString("N"), Convert.ToBase64String(_sealer.Protect(ecdsa.ExportPkcs8PrivateKey())), now.ToUnixTimeMilliseconds()),
                cancellationToken: cancellationToken));
        }

        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT kid AS Kid, private_key AS PrivateKey, created_at_ms AS CreatedAtMs FROM signing_keys WHERE created_at_ms >= @Since ORDER BY created_at_ms DESC, kid DESC",
            new { Since = (now - PublishedFor).ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        var known = _keys.ToDictionary(k => k.Kid);
        _keys = rows.Select(r => known.TryGetValue(r.Kid, out var loaded) ? loaded : Open(r)).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_keys.Count == 0 ? RetryEvery : ReloadEvery, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryReloadAsync(stoppingToken);
        }
    }

    private async Task TryReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The keys already loaded keep signing; the next round tries again.
            LogReloadFailed(logger, error);
        }
    }

    private SigningKey Open(Row row)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(_sealer.Unprotect(Convert.FromBase64String(row.PrivateKey)), out _);
        return new SigningKey(row.Kid, ecdsa, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The user service's signing keys could not be reloaded; the loaded ones keep signing")]
    private static partial void LogReloadFailed(ILogger logger, Exception error);
}
