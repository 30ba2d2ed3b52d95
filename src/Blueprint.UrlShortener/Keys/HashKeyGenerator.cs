using System.Security.Cryptography;
using System.Text;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.BuildingBlocks.Probabilistic;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Keys;

/// <summary>
/// Design c (003 §8): the URL's hash cut to 7 Base62 characters; a collision is resolved by hashing
/// again with a suffix. The hash is an HMAC under a server secret over owner and URL, so nobody can
/// compute a key from a URL (not guessable), and each user's link gets its own key. Whether a
/// candidate is taken is asked of a Bloom filter of issued keys first: "no" is certain and costs no
/// database round trip; "maybe" is checked in the database. Keys issued by other hosts are not in
/// this host's filter, which only means a collision is found by the insert instead.
/// </summary>
internal sealed class HashKeyGenerator(LinkDatabase database, IOptions<UrlShortenerOptions> options, KeyMetrics metrics) : IKeyGenerator, IDisposable
{
    public const string Name = "hash";
    private const int KeyLength = 7;
    private const int MaxRehashes = 16;
    private const ulong KeySpaceSize = 3_521_614_606_208UL; // 62^7

    private readonly byte[] _secret = options.Value.HashSecret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile BloomFilter? _issued;

    public string Design => Name;

    public async Task<string> NextAsync(KeyRequest request, int attempt, CancellationToken cancellationToken)
    {
        var issued = await IssuedAsync(cancellationToken);
        // Each attempt starts past the suffixes earlier attempts used, so a refused key is never offered again.
        for (var suffix = (attempt - 1) * MaxRehashes; suffix < attempt * MaxRehashes; suffix++)
        {
            var candidate = Candidate(request, suffix);
            if (!issued.MightContain(candidate) || !await ExistsAsync(candidate, cancellationToken))
            {
                return candidate;
            }

            metrics.Collision(Name);
        }

        throw new InvalidOperationException($"{MaxRehashes} hashes in a row were taken; the 7-character key space is too full for this design.");
    }

    public void Issued(string key) => _issued?.Add(key);

    private string Candidate(KeyRequest request, int suffix)
    {
        var hash = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{request.Owner}\n{request.Url}\n{suffix}"));
        // 62^7 ≈ 3.5 × 10^12 keys: the first 8 bytes reduced into that range, written as 7 characters.
        var value = BitConverter.ToUInt64(hash, 0) % KeySpaceSize;
        return Base62.Encode(value).PadLeft(KeyLength, '0');
    }

    /// <summary>62^7 less the generated 7-character keys stored (aliases of that length included: they take a key too).</summary>
    public async Task<KeySpace> KeySpaceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM links WHERE LENGTH(link_key) = 7", cancellationToken: cancellationToken));
        return new KeySpace(Name, (long)KeySpaceSize - taken, null);
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM links WHERE link_key = @Key", new { Key = key }, cancellationToken: cancellationToken)) > 0;
    }

    // The filter is filled from the table on first use, sized for ten times the keys there are, at 1 % false positives.
    private async Task<BloomFilter> IssuedAsync(CancellationToken cancellationToken)
    {
        if (_issued is { } ready)
        {
            return ready;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_issued is { } loaded)
            {
                return loaded;
            }

            await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
            var keys = (await connection.QueryAsync<string>(new CommandDefinition("SELECT link_key FROM links", cancellationToken: cancellationToken))).ToList();
            var filter = new BloomFilter(Math.Max(1_000_000, keys.Count * 10L), 0.01);
            keys.ForEach(filter.Add);
            return _issued = filter;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();
}
