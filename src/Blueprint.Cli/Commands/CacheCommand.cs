using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Blueprint.BuildingBlocks.Caching;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary><c>blueprint cache simulate</c>: a key trace through every eviction policy and size (seed 000 §7.9).</summary>
internal static class CacheCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static Command Create(TextWriter output)
    {
        var trace = new Option<string>("--trace") { Description = "zipf, shifting, or a file with one key per line (a recorded trace).", DefaultValueFactory = _ => "zipf" };
        var sizes = new Option<string>("--sizes") { Description = "Cache sizes in entries: 1000,10k,100k.", DefaultValueFactory = _ => "100,1k,10k" };
        var length = new Option<int>("--length") { Description = "Requests in a generated trace. Default 1000000.", DefaultValueFactory = _ => 1_000_000 };
        var keys = new Option<int>("--keys") { Description = "Distinct keys of a generated trace (per phase for shifting). Default 100000.", DefaultValueFactory = _ => 100_000 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var simulate = new Command("simulate", "Replay a key trace through LRU, LFU, FIFO and segmented LRU at each size and print the hit ratios, before changing a real cache.")
        {
            trace, sizes, length, keys, json,
        };
        simulate.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            IReadOnlyList<int> sizeList;
            try
            {
                sizeList = TraceSimulation.ParseSizes(parse.GetValue(sizes)!);
            }
            catch (FormatException bad)
            {
                error.WriteLine($"--sizes: {bad.Message}");
                return 1;
            }

            var (n, k) = (parse.GetValue(length), parse.GetValue(keys));
            if (n < 1 || k < 1)
            {
                error.WriteLine("--length and --keys must be at least 1.");
                return 1;
            }

            var source = parse.GetValue(trace)!;
            int[] requests;
            if (source is "zipf" or "shifting")
            {
                requests = source == "zipf" ? KeyTraces.Zipf(n, k) : KeyTraces.Shifting(n, k);
            }
            else if (File.Exists(source))
            {
                requests = KeyTraces.FromLines(File.ReadLines(source));
                if (requests.Length == 0)
                {
                    error.WriteLine($"--trace: {source} holds no keys.");
                    return 1;
                }
            }
            else
            {
                error.WriteLine($"--trace: '{source}' is neither zipf, shifting nor a file that exists.");
                return 1;
            }

            var results = new List<TraceResult>();
            for (var i = 0; i < sizeList.Count; i++)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{sizeList.Count}] {requests.Length:N0} requests through every policy at {sizeList[i]:N0} entries"));
                results.AddRange(TraceSimulation.Run(requests, [sizeList[i]]));
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(results, Json));
                return 0;
            }

            var policies = Enum.GetValues<EvictionPolicy>();
            var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Hit ratio: {source}, {requests.Length:N0} requests, {requests.Distinct().Count():N0} distinct keys")).AddColumn(new TableColumn("size").RightAligned());
            foreach (var policy in policies)
            {
                table.AddColumn(new TableColumn(policy == EvictionPolicy.SegmentedLru ? "SLRU" : policy.ToString().ToUpperInvariant()).RightAligned());
            }

            foreach (var size in sizeList)
            {
                table.AddRow([size.ToString("N0", CultureInfo.InvariantCulture), .. policies.Select(p => (results.First(r => r.Size == size && r.Policy == p).HitRatio * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%")]);
            }

            CliConsole.For(output).Write(table);
            return 0;
        });

        return new Command("cache", "Caches and eviction (seed 000 §7.9, 003 §1).") { simulate };
    }
}
