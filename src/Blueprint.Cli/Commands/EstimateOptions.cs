using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Blueprint.Capacity.Estimation;

namespace Blueprint.Cli.Commands;

/// <summary>The options of <c>blueprint estimate</c>, each validated where it is parsed so an error names the option.</summary>
internal sealed class EstimateOptions
{
    public Option<string?> Preset { get; } = new("--preset") { Description = $"Start from a seed's worked example: {string.Join(", ", CapacityPresets.All.Select(p => p.Name))}." };

    public Option<double?> DailyActiveUsers { get; } = Positive("--dau", "Daily active users (1e8 or 100000000).");

    public Option<double?> Interactions { get; } = Positive("--interactions", "Interactions per user per day.");

    public Option<InteractionKind?> InteractionsAre { get; } = new("--interactions-are") { Description = "What the interactions count: Reads (writes = reads ÷ ratio) or Writes (reads = writes × ratio)." };

    public Option<double?> ReadWriteRatio { get; } = new("--read-write-ratio")
    {
        Description = "Reads per write: 10 or 10:1.",
        CustomParser = result => ParseRatio(result),
    };

    public Option<double?> RequestSize { get; } = new("--request-size")
    {
        Description = "Bytes per request: 200, 200B, 100kB, 1MB (decimal units, as the seeds).",
        CustomParser = result => ParseBytes(result),
    };

    public Option<double?> Replication { get; } = Positive("--replication", "Replication factor (copies of every byte).");

    public Option<double?> PeakFactor { get; } = Positive("--peak-factor", "Peak load ÷ average load (at least 1).");

    public Option<double?> RetentionYears { get; } = Positive("--retention-years", "Years the data is kept.");

    public Option<double?> TotalUsers { get; } = Positive("--total-users", "Users who keep data (for the stored-data estimate).");

    public Option<double?> ItemsPerUser { get; } = Positive("--items-per-user", "Items each user keeps (files, links, ...).");

    public Option<double?> ItemSize { get; } = new("--item-size")
    {
        Description = "Bytes per stored item: 1MB, 500kB, ...",
        CustomParser = result => ParseBytes(result),
    };

    public Option<bool> Exact { get; } = new("--exact") { Description = "Use 86,400 s a day and 365.25 days a year instead of the seed's rounding." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the estimate as JSON." };

    public IEnumerable<Option> All =>
        [Preset, DailyActiveUsers, Interactions, InteractionsAre, ReadWriteRatio, RequestSize, Replication, PeakFactor, RetentionYears, TotalUsers, ItemsPerUser, ItemSize, Exact, Json];

    private static Option<double?> Positive(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseNumber(result),
    };

    private static double? ParseNumber(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            result.AddError($"{OptionName(result)} must be a number; '{text}' is not.");
            return null;
        }

        if (value <= 0)
        {
            result.AddError($"{OptionName(result)} must be greater than zero; it is {text}.");
            return null;
        }

        return value;
    }

    private static double? ParseBytes(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!SiUnits.TryParseBytes(text, out var bytes) || bytes <= 0)
        {
            result.AddError($"{OptionName(result)} must be a positive size such as 200, 200B, 100kB or 1MB; '{text}' is not.");
            return null;
        }

        return bytes;
    }

    private static double? ParseRatio(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var parts = text.Split(':');
        if (parts.Length is 1 or 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var reads)
            && (parts.Length == 1 ? 1 : double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : double.NaN) is var writes
            && reads > 0 && writes > 0 && double.IsFinite(reads / writes))
        {
            return reads / writes;
        }

        result.AddError($"{OptionName(result)} must be a positive ratio such as 10 or 10:1; '{text}' is not.");
        return null;
    }

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the option";
}
