using System.Data.Common;
using Dapper;

namespace Blueprint.CloudStorage.History;

/// <summary>The result of checking a namespace's chain from its first entry to its recorded head.</summary>
internal sealed record HistoryVerification(bool Valid, long Entries, string Head, long? FirstBadSeq, string? Problem);

/// <summary>
/// The append-only, hash-chained history of a namespace (000 §8.3's secondary requirements: a
/// history of uploads and downloads, who downloaded a file and when). Appends run inside the
/// caller's transaction, behind the namespace row's lock, so the chain has exactly one next entry.
/// </summary>
internal sealed class HistoryLedger(StorageDatabase database, TimeProvider time)
{
    private const string Columns = """
        seq AS Seq, at_ms AS AtMs, user_id AS UserId, action AS Action, path AS Path, file_id AS FileId,
        version_id AS VersionId, client AS Client, prev_hash AS PrevHash, entry_hash AS EntryHash
        """;

    /// <summary>Appends in its own transaction (a download, which changes nothing else).</summary>
    public async Task AppendAsync(string namespaceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(connection, transaction, namespaceId, e, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appends inside the caller's transaction.</summary>
    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, string namespaceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        // Taking the next number locks the namespace row until commit: one writer extends the chain at a time.
        var (seq, head) = await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "UPDATE namespaces SET history_seq = history_seq + 1 WHERE id = @Id RETURNING history_seq, history_head",
            new { Id = namespaceId },
            transaction,
            cancellationToken: cancellationToken));
        var atMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var hash = HistoryChain.HashOf(head, seq, atMs, e);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO history (namespace_id, seq, at_ms, user_id, action, path, file_id, version_id, client, prev_hash, entry_hash)
            VALUES (@Ns, @Seq, @AtMs, @UserId, @Action, @Path, @FileId, @VersionId, @Client, @Prev, @Hash)
            """,
            new { Ns = namespaceId, Seq = seq, AtMs = atMs, e.UserId, e.Action, e.Path, e.FileId, e.VersionId, e.Client, Prev = head, Hash = hash },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE namespaces SET history_head = @Hash WHERE id = @Id", new { Hash = hash, Id = namespaceId }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Entries newest first, optionally of one file, before <paramref name="beforeSeq"/>.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ListAsync(string namespaceId, string? fileId, long? beforeSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM history
            WHERE namespace_id = @Ns AND (@FileId IS NULL OR file_id = @FileId) AND (@Before IS NULL OR seq < @Before)
            ORDER BY seq DESC LIMIT @Limit
            """,
            new { Ns = namespaceId, FileId = fileId, Before = beforeSeq, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    /// <summary>Recomputes the whole chain and compares its end with the head the namespace recorded.</summary>
    public async Task<HistoryVerification> VerifyAsync(string namespaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var (recordedSeq, recordedHead) = await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT history_seq, history_head FROM namespaces WHERE id = @Id", new { Id = namespaceId }, cancellationToken: cancellationToken));
        var head = HistoryChain.Genesis;
        long expected = 1;
        const int Page = 1000;
        while (true)
        {
            var rows = (await connection.QueryAsync<HistoryRow>(new CommandDefinition(
                $"SELECT {Columns} FROM history WHERE namespace_id = @Ns AND seq >= @From ORDER BY seq LIMIT {Page}",
                new { Ns = namespaceId, From = expected },
                cancellationToken: cancellationToken))).ToList();
            foreach (var entry in rows.Select(r => r.ToEntry()))
            {
                var problem = entry.Seq != expected ? $"Entry {expected} is missing."
                    : entry.PrevHash != head ? $"Entry {entry.Seq} does not follow the entry before it."
                    : HistoryChain.HashOf(entry) != entry.EntryHash ? $"Entry {entry.Seq} was changed after it was written."
                    : null;
                if (problem is not null)
                {
                    return new HistoryVerification(false, expected - 1, head, expected, problem);
                }

                head = entry.EntryHash;
                expected++;
            }

            if (rows.Count < Page)
            {
                break;
            }
        }

        var count = expected - 1;
        return count != recordedSeq || head != recordedHead
            ? new HistoryVerification(false, count, head, expected, $"The chain ends at entry {count}, but the namespace recorded {recordedSeq} entries ending in another hash: entries were removed from the end.")
            : new HistoryVerification(true, count, head, null, null);
    }

    private sealed class HistoryRow
    {
        public long Seq { get; init; }

        public long AtMs { get; init; }

        public string UserId { get; init; } = "";

        public string Action { get; init; } = "";

        public string Path { get; init; } = "";

        public string FileId { get; init; } = "";

        public string VersionId { get; init; } = "";

        public string Client { get; init; } = "";

        public string PrevHash { get; init; } = "";

        public string EntryHash { get; init; } = "";

        public HistoryEntry ToEntry() =>
            new(Seq, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), UserId, Action, Path, FileId, VersionId, Client, PrevHash, EntryHash);
    }
}
