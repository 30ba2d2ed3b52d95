using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Blueprint.CloudStorage.History;

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
