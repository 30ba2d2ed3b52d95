using System.Data.Common;
using Dapper;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>The <c>packs</c> table: each pack's size and dead bytes, which decide when it is rewritten.</summary>
internal static class PackLedger
{
    /// <summary>The blob key of a new pack of namespace <paramref name="ns"/>.</summary>
    public static string NewKey(string ns) => $"cloud-storage/{ns}/packs/{Guid.CreateVersion7():N}";

    /// <summary>
    /// Records a pack of <paramref name="bytes"/> just written. When <paramref name="allNamed"/> is
    /// false, some of its blocks got no row (another upload stored them first) and the bytes no row
    /// names are counted as dead; when true, none are, and nothing needs counting.
    /// </summary>
    public static Task AddAsync(DbConnection connection, DbTransaction transaction, string ns, string packKey, long bytes, bool allNamed, long nowMs, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO packs (blob_key, namespace_id, bytes, dead_bytes, created_at_ms)
            VALUES (@Key, @Ns, @Bytes, {(allNamed ? "0" : "@Bytes - (SELECT COALESCE(SUM(stored_length), 0) FROM blocks WHERE blob_key = @Key)")}, @Now)
            """,
            new { Key = packKey, Ns = ns, Bytes = bytes, Now = nowMs },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Counts a collected block's bytes as dead in its pack.</summary>
    public static Task AddDeadAsync(DbConnection connection, string packKey, long bytes, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE packs SET dead_bytes = dead_bytes + @Bytes WHERE blob_key = @Key", new { Key = packKey, Bytes = bytes }, cancellationToken: cancellationToken));

    /// <summary>Forgets a pack whose blob is gone.</summary>
    public static Task RemoveAsync(DbConnection connection, string packKey, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM packs WHERE blob_key = @Key", new { Key = packKey }, cancellationToken: cancellationToken));
}
