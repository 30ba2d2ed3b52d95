using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Blueprint.Identity.Contracts;

/// <summary>
/// Hands the JWT scheme the user service's public keys, kept for a while. A token naming a key not
/// among them makes the scheme ask for a refresh (a rotated key), taken at most once every few seconds.
/// </summary>
internal sealed class SigningKeysConfiguration(IUserService users, TimeProvider time, TimeSpan keepFor) : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    private static readonly TimeSpan RefreshAtMostEvery = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile OpenIdConnectConfiguration? _current;
    private long _fetchedAtTicks;
    private long _staleAtTicks; // read without the lock: a long, so never torn

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } fresh && time.GetUtcNow().UtcTicks < Volatile.Read(ref _staleAtTicks))
        {
            return fresh;
        }

        await _fetching.WaitAsync(cancel);
        try
        {
            var now = time.GetUtcNow().UtcTicks;
            if (_current is { } fetched && now < Volatile.Read(ref _staleAtTicks))
            {
                return fetched;
            }

            var configuration = new OpenIdConnectConfiguration { Issuer = AccessTokens.Issuer };
            foreach (var key in await users.SigningKeysAsync(cancel))
            {
                configuration.SigningKeys.Add(key);
            }

            _current = configuration;
            Volatile.Write(ref _fetchedAtTicks, now);
            Volatile.Write(ref _staleAtTicks, now + keepFor.Ticks);
            return configuration;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void RequestRefresh()
    {
        var soonest = Volatile.Read(ref _fetchedAtTicks) + RefreshAtMostEvery.Ticks;
        Volatile.Write(ref _staleAtTicks, Math.Max(soonest, time.GetUtcNow().UtcTicks));
    }

    public void Dispose() => _fetching.Dispose();
}
