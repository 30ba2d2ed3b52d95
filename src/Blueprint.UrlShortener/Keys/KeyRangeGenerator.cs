using System.Security.Cryptography;
using Blueprint.Infrastructure.Relational;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Keys;

/// <summary>
/// Design a (000 §7.1, §8.2): random base64url prefixes are generated ahead in the relational store;
/// each host claims one atomically — on PostgreSQL with <c>SELECT … FOR UPDATE SKIP LOCKED</c>, so
/// hosts never wait on each other's claims — and appends the last character itself, in a shuffled
/// order. A claim costs one round trip per 64 keys; a crashed host loses at most its unused keys.
/// When fresh prefixes get hard to find (over half of a generated batch already exists), prefixes
/// grow by a character: 6-character keys become 7.
/// </summary>
internal sealed class KeyRangeGenerator(LinkDatabase database, IOptions<UrlShortenerOptions> options, KeyMetrics metrics, TimeProvider time) : IKeyGenerator, IDisposable
{
    public const string Name = "key-ranges";
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly string Host = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _prefix;
    private char[] _suffixes = [];
    private int _next;

    public string Design => Name;

    public async Task<string> NextAsync(KeyRequest request, int attempt, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_prefix is null || _next == _suffixes.Length)
            {
                _prefix = await ClaimAsync(cancellationToken);
                _suffixes = Alphabet.ToCharArray();
                RandomNumberGenerator.Shuffle(_suffixes.AsSpan());
                _next = 0;
            }

            return _prefix + _suffixes[_next++];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Keys left: every prefix of the current length not generated yet, plus the free ones, 64 keys each.</summary>
    public async Task<KeySpace> KeySpaceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var length = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT prefix_length FROM key_space WHERE id = 1", cancellationToken: cancellationToken))
            ?? options.Value.KeyRangePrefixLength;
        var generated = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM key_ranges WHERE LENGTH(prefix) = @Length", new { Length = length }, cancellationToken: cancellationToken));
        var free = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM key_ranges WHERE in_use = 0", cancellationToken: cancellationToken));
        var prefixes = (long)Math.Min(Math.Pow(Alphabet.Length, length), long.MaxValue / Alphabet.Length);
        return new KeySpace(Name, (prefixes - generated + free) * Alphabet.Length, free);
    }

    private async Task<string> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var lockFree = database.Database.Engine == SqlEngine.PostgreSql ? "FOR UPDATE SKIP LOCKED" : string.Empty;
        for (var round = 0; round < 8; round++)
        {
            var prefix = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition($"""
                UPDATE key_ranges SET in_use = 1, claimed_by = @Host, claimed_at_ms = @Now
                WHERE prefix = (SELECT prefix FROM key_ranges WHERE in_use = 0 LIMIT 1 {lockFree})
                RETURNING prefix
                """, new { Host, Now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
            if (prefix is not null)
            {
                metrics.RangeClaimed();
                return prefix;
            }

            await GenerateAsync(connection, cancellationToken);
        }

        throw new InvalidOperationException("No key range could be claimed: other hosts took every range generated meanwhile.");
    }

    // A batch of random prefixes at the current length; existing ones are skipped by the primary key.
    private async Task GenerateAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO key_space (id, prefix_length) VALUES (1, @Length) ON CONFLICT (id) DO NOTHING",
            new { Length = options.Value.KeyRangePrefixLength }, cancellationToken: cancellationToken));
        var length = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT prefix_length FROM key_space WHERE id = 1", cancellationToken: cancellationToken));
        var batch = Math.Clamp(options.Value.KeyRangeBatch, 1, 100_000);
        var candidates = Enumerable.Range(0, batch).Select(_ => new { Prefix = RandomNumberGenerator.GetString(Alphabet, length) }).DistinctBy(c => c.Prefix).ToList();
        int inserted;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO key_ranges (prefix) VALUES (@Prefix) ON CONFLICT (prefix) DO NOTHING", candidates, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        if (inserted * 2 < batch)
        {
            // Over half the candidates existed already: the space is running low, so keys grow by a character.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE key_space SET prefix_length = @Longer WHERE id = 1 AND prefix_length = @Length",
                new { Length = length, Longer = length + 1 }, cancellationToken: cancellationToken));
        }
    }

    public void Dispose() => _gate.Dispose();
}
