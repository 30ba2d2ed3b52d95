using System.Globalization;
using System.Text.RegularExpressions;

namespace Blueprint.Capacity.Estimation;

/// <summary>Decimal (SI) units as the seeds use them: 1 kB = 1000 B. Three significant digits, like a whiteboard.</summary>
public static partial class SiUnits
{
    private static readonly string[] Prefixes = ["", "k", "M", "G", "T", "P", "E"];

    /// <summary>"630.72e9" → "631 GB"; with a suffix such as "/s" → "200 kB/s".</summary>
    public static string Bytes(double bytes, string suffix = "") => Scaled(bytes, "B" + suffix);

    /// <summary>Requests per second with thousands separators: "44,000/s", or SI beyond a million.</summary>
    public static string Rate(double perSecond) =>
        perSecond < 1e6 ? SignificantDigits(perSecond).ToString("#,0.##", CultureInfo.InvariantCulture) + "/s" : Scaled(perSecond, "/s");

    /// <summary>Parses "200", "200B", "100 kB", "1MB", "1.5GB", "4KiB".</summary>
    public static bool TryParseBytes(string text, out double bytes)
    {
        bytes = 0;
        var match = ByteSize().Match(text?.Trim() ?? "");
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var prefix = match.Groups["prefix"].Value;
        var binary = match.Groups["binary"].Success;
        var power = prefix.Length == 0 ? 0 : Array.FindIndex(Prefixes, p => p.Equals(prefix, StringComparison.OrdinalIgnoreCase));
        bytes = number * Math.Pow(binary ? 1024 : 1000, power);
        return true;
    }

    private static string Scaled(double value, string unit)
    {
        var power = 0;
        var scaled = value;
        while (Math.Abs(scaled) >= 999.5 && power < Prefixes.Length - 1)
        {
            scaled /= 1000;
            power++;
        }

        return SignificantDigits(scaled).ToString("0.##", CultureInfo.InvariantCulture) + " " + Prefixes[power] + unit;
    }

    private static double SignificantDigits(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var digits = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var scale = Math.Pow(10, 3 - digits);
        return Math.Round(value * scale) / scale;
    }

    [GeneratedRegex(@"^(?<number>[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?)\s*((?<prefix>[kKMGTPE])(?<binary>i)?)?[bB]?$", RegexOptions.IgnoreCase)]
    private static partial Regex ByteSize();
}
