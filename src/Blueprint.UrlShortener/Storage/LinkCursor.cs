using System.Text;

namespace Blueprint.UrlShortener.Storage;

/// <summary>Where a page of link history ended: the last link's creation time and key.</summary>
internal sealed record LinkCursor(long CreatedAtMs, string Key)
{
    public string Encode() => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedAtMs}|{Key}"));

    public static LinkCursor? Decode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text)).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? new LinkCursor(ms, parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
