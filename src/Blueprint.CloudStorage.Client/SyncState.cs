using System.Buffers.Binary;
using System.Text.Json;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// What the engine remembers between runs, in the folder's state directory: the change cursor, the
/// merge base of every file, and each base version's block list (so an edit is sent as a change to
/// it). Saved after every action, atomically, so a client killed at any point restarts from a
/// state that was true.
/// </summary>
public sealed class SyncState
{
    private const string StateFile = "state.json";
    private const string ListPrefix = "lists/";

    public long Cursor { get; set; }

    /// <summary>Keyed by the path's case-folded key.</summary>
    public Dictionary<string, SyncedFile> Files { get; init; } = new(StringComparer.Ordinal);

    public static SyncState Load(ISyncFileSystem fs)
    {
        ArgumentNullException.ThrowIfNull(fs);
        var bytes = fs.ReadState(StateFile);
        var state = bytes is null ? null : JsonSerializer.Deserialize(bytes, SyncStateJson.Default.SyncState);
        return state is null ? new SyncState() : new SyncState { Cursor = state.Cursor, Files = new(state.Files, StringComparer.Ordinal) };
    }

    public void Save(ISyncFileSystem fs)
    {
        ArgumentNullException.ThrowIfNull(fs);
        fs.WriteState(StateFile, JsonSerializer.SerializeToUtf8Bytes(this, SyncStateJson.Default.SyncState));
    }

    /// <summary>The block list of a content hash, stored when that content was last synced; null if unknown.</summary>
    public static IReadOnlyList<BlockRef>? ReadList(ISyncFileSystem fs, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(fs);
        if (fs.ReadState(ListPrefix + contentHash) is not { } bytes || bytes.Length % 36 != 0)
        {
            return null;
        }

        var blocks = new BlockRef[bytes.Length / 36];
        for (var i = 0; i < blocks.Length; i++)
        {
            var record = bytes.AsSpan(i * 36, 36);
            blocks[i] = new BlockRef(Convert.ToHexStringLower(record[..32]), BinaryPrimitives.ReadInt32BigEndian(record[32..]));
        }

        return ContentHash.Of(blocks) == contentHash ? blocks : null;
    }

    /// <summary>Stores a block list under its content hash: 36 bytes a block.</summary>
    public static void WriteList(ISyncFileSystem fs, IReadOnlyList<BlockRef> blocks)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(blocks);
        var bytes = new byte[blocks.Count * 36];
        for (var i = 0; i < blocks.Count; i++)
        {
            Convert.FromHexString(blocks[i].Hash, bytes.AsSpan(i * 36, 32), out _, out _);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 36 + 32, 4), blocks[i].Length);
        }

        fs.WriteState(ListPrefix + ContentHash.Of(blocks), bytes);
    }
}
