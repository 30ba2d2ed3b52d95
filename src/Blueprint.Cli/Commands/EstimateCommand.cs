using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Blueprint.Capacity.Estimation;

namespace Blueprint.Cli.Commands;

/// <summary><c>blueprint estimate</c>: the seeds' back-of-the-envelope estimate, as a table or JSON.</summary>
internal static class EstimateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create(TextWriter output)
    {
        var options = new EstimateOptions();
        var command = new Command("estimate", "Estimate throughput, bandwidth and storage (seed 000 §1.2, §2; 003 §2–3).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(parse, options, output));
        return command;
    }

    private static int Run(ParseResult parse, EstimateOptions options, TextWriter output)
    {
        var presetName = parse.GetValue(options.Preset);
        CapacityInputs inputs;
        if (presetName is null)
        {
            var missing = new[] { options.DailyActiveUsers, options.Interactions, options.RequestSize }
                .Where(o => parse.GetResult(o) is null)
                .Select(o => o.Name)
                .ToList();
            if (missing.Count > 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Missing {string.Join(", ", missing)}: give them, or start from --preset ({string.Join(", ", CapacityPresets.All.Select(p => p.Name))}).");
                return 1;
            }

            inputs = new CapacityInputs();
        }
        else if (CapacityPresets.Find(presetName) is { } preset)
        {
            inputs = preset.Inputs;
        }
        else
        {
            parse.InvocationConfiguration.Error.WriteLine($"--preset: no preset '{presetName}'. Presets: {string.Join(", ", CapacityPresets.All.Select(p => p.Name))}.");
            return 1;
        }

        inputs = inputs with
        {
            DailyActiveUsers = parse.GetValue(options.DailyActiveUsers) ?? inputs.DailyActiveUsers,
            InteractionsPerUser = parse.GetValue(options.Interactions) ?? inputs.InteractionsPerUser,
            InteractionsAre = parse.GetValue(options.InteractionsAre) ?? inputs.InteractionsAre,
            ReadWriteRatio = parse.GetValue(options.ReadWriteRatio) ?? inputs.ReadWriteRatio,
            RequestSizeBytes = parse.GetValue(options.RequestSize) ?? inputs.RequestSizeBytes,
            ReplicationFactor = parse.GetValue(options.Replication) ?? inputs.ReplicationFactor,
            PeakFactor = parse.GetValue(options.PeakFactor) ?? inputs.PeakFactor,
            RetentionYears = parse.GetValue(options.RetentionYears) ?? inputs.RetentionYears,
            TotalUsers = parse.GetValue(options.TotalUsers) ?? inputs.TotalUsers,
            ItemsPerUser = parse.GetValue(options.ItemsPerUser) ?? inputs.ItemsPerUser,
            ItemSizeBytes = parse.GetValue(options.ItemSize) ?? inputs.ItemSizeBytes,
            Rounding = parse.GetValue(options.Exact) ? Rounding.Exact : Rounding.Seed,
        };

        if (inputs.Validate() is { Count: > 0 } errors)
        {
            // Said with the option the value came from, which is what the user typed.
            var optionOf = new Dictionary<string, Option>
            {
                [nameof(CapacityInputs.DailyActiveUsers)] = options.DailyActiveUsers,
                [nameof(CapacityInputs.InteractionsPerUser)] = options.Interactions,
                [nameof(CapacityInputs.InteractionsAre)] = options.InteractionsAre,
                [nameof(CapacityInputs.ReadWriteRatio)] = options.ReadWriteRatio,
                [nameof(CapacityInputs.RequestSizeBytes)] = options.RequestSize,
                [nameof(CapacityInputs.ReplicationFactor)] = options.Replication,
                [nameof(CapacityInputs.PeakFactor)] = options.PeakFactor,
                [nameof(CapacityInputs.RetentionYears)] = options.RetentionYears,
                [nameof(CapacityInputs.TotalUsers)] = options.TotalUsers,
                [nameof(CapacityInputs.ItemsPerUser)] = options.ItemsPerUser,
                [nameof(CapacityInputs.ItemSizeBytes)] = options.ItemSize,
            };
            foreach (var (input, message) in errors)
            {
                parse.InvocationConfiguration.Error.WriteLine(optionOf.TryGetValue(input, out var option) ? $"{option.Name}: {message}" : message);
            }

            return 1;
        }

        var estimate = CapacityEstimator.Estimate(inputs);
        if (parse.GetValue(options.Json))
        {
            output.WriteLine(JsonSerializer.Serialize(estimate, Json));
        }
        else
        {
            EstimateTable.Write(estimate, presetName, output);
        }

        return 0;
    }
}
