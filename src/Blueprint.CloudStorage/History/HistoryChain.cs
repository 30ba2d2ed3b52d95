using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Blueprint.CloudStorage.History;

/// <summary>One entry of a namespace's history: who did what to which file, when, through which client.</summary>
internal sealed record HistoryEntry(
    long Seq,
    DateTimeOffset At,
    string UserId,
    string Action,
    string Path,
    string FileId,
    string VersionId,
    string Client,
    string PrevHash,
    string EntryHash);

/// <summary>What is about to be appended: everything but the position and the hashes.</summary>
internal sealed record HistoryEvent(string UserId, string Action, string Path, string FileId, string VersionId, string Client);

/// <summary>The history actions, as stored.</summary>
internal static class HistoryActions
{
    public const string Upload = "upload";
    public const string Download = "download";
    public const string LinkDownload = "link-download";
    public const string Delete = "delete";
    public const string Undelete = "undelete";
    public const string Restore = "restore";
    public const string Move = "move";
    public const string CreateFolder = "create-folder";

    /// <summary>A file moved here from another namespace.</summary>
    public const string MoveIn = "move-in";

    /// <summary>A file moved from here to another namespace (it stays in this one's trash).</summary>
    public const string MoveOut = "move-out";
}

/// <summary>
/// The hash chain over a namespace's history: each entry's hash covers the previous entry's hash
/// and every field of its own, length-prefixed so no two different entries serialize alike. A
/// changed, inserted or removed entry breaks every hash after it.
/// </summary>
internal static class HistoryChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string prevHash, long seq, long atMs, HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder();
        foreach (var field in new[] { prevHash, seq.ToString(CultureInfo.InvariantCulture), atMs.ToString(CultureInfo.InvariantCulture), e.UserId, e.Action, e.Path, e.FileId, e.VersionId, e.Client })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string HashOf(HistoryEntry entry) =>
        HashOf(entry.PrevHash, entry.Seq, entry.At.ToUnixTimeMilliseconds(), new HistoryEvent(entry.UserId, entry.Action, entry.Path, entry.FileId, entry.VersionId, entry.Client));
}
