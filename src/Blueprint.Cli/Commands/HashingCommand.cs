using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Blueprint.BuildingBlocks.Hashing;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary><c>blueprint hashing simulate</c>: every placement scheme of seed 003 §5 on the same keys.</summary>
internal static class HashingCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(TextWriter output)
    {
        var nodes = NumberListOption.Create("--nodes", "Nodes before a node joins or leaves.", 2, 100_000, "10");
        var vnodes = NumberListOption.Create("--vnodes", "Virtual nodes per node (ring and bounded loads).", 1, 10_000, "200");
        var keys = new Option<int>("--keys") { Description = "Keys to place (key-0, key-1, …). Default 1000000.", DefaultValueFactory = _ => 1_000_000 };
        keys.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 50_000_000) { r.AddError("--keys must be 1 to 50,000,000."); } });
        var schemes = new Option<string?>("--schemes") { Description = $"A subset of: {string.Join(", ", HashingSimulation.Schemes)}." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };

        var simulate = new Command("simulate", "Place keys with modulo, ring, jump, rendezvous, Maglev and bounded loads; load spread, keys moved when a node joins or leaves (vs the ideal), lookup time.")
        {
            nodes, vnodes, keys, schemes, json,
        };
        simulate.SetAction(parse =>
        {
            var chosen = parse.GetValue(schemes)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [.. HashingSimulation.Schemes];
            var unknown = chosen.Except(HashingSimulation.Schemes).ToList();
            if (unknown.Count > 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"--schemes: no scheme {string.Join(", ", unknown)}. Schemes: {string.Join(", ", HashingSimulation.Schemes)}.");
                return 1;
            }

            var runs = (from n in parse.GetValue(nodes)! from v in parse.GetValue(vnodes)! select (n, v)).ToList();
            var keyCount = parse.GetValue(keys);
            var results = new List<SchemeResult>();
            var step = 0;
            foreach (var (n, v) in runs)
            {
                foreach (var scheme in chosen)
                {
                    parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{++step}/{runs.Count * chosen.Length}] {scheme}: {n:N0} nodes, {v:N0} vnodes, {keyCount:N0} keys"));
                    results.AddRange(HashingSimulation.Run(n, v, keyCount, [scheme]));
                }

                if (!parse.GetValue(json))
                {
                    WriteTable(output, n, v, keyCount, results.Skip(results.Count - chosen.Length));
                }
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(results, Json));
            }

            return 0;
        });

        return new Command("hashing", "Consistent hashing (seed 003 §5).") { simulate, Ownership(output) };
    }

    /// <summary>
    /// <c>blueprint hashing ownership</c>: each node's exact share of the ring (no key sampling), so
    /// the spread that virtual nodes leave can be measured over many nodes.
    /// </summary>
    private static Command Ownership(TextWriter output)
    {
        var nodes = NumberListOption.Create("--nodes", "Nodes on the ring.", 1, 100_000, "1000");
        var vnodes = NumberListOption.Create("--vnodes", "Virtual nodes per node.", 1, 10_000, "1,10,100,200,500,1000");
        var command = new Command("ownership", "Each node's exact share of the ring: standard deviation and maximum over the mean, against the 1/√v of random tokens.")
        {
            nodes, vnodes,
        };
        command.SetAction(parse =>
        {
            var table = new Table()
                .AddColumn(new TableColumn("nodes").RightAligned())
                .AddColumn(new TableColumn("virtual nodes").RightAligned())
                .AddColumn(new TableColumn("share σ/mean").RightAligned())
                .AddColumn(new TableColumn("max/mean").RightAligned())
                .AddColumn(new TableColumn("1/√v").RightAligned());
            foreach (var n in parse.GetValue(nodes)!)
            {
                foreach (var v in parse.GetValue(vnodes)!)
                {
                    var ring = new ConsistentHashRing(HashingSimulation.NodeNames(n), v);
                    var (spread, peak) = HashingSimulation.Spread([.. ring.Ownership().Values]);
                    table.AddRow(
                        n.ToString("N0", CultureInfo.InvariantCulture),
                        v.ToString("N0", CultureInfo.InvariantCulture),
                        Percent(spread),
                        peak.ToString("0.000", CultureInfo.InvariantCulture),
                        Percent(1 / Math.Sqrt(v)));
                }
            }

            CliConsole.For(output).Write(table);
            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, int nodes, int vnodes, int keys, IEnumerable<SchemeResult> results)
    {
        var table = new Table()
            .Title(string.Create(CultureInfo.InvariantCulture, $"{nodes:N0} nodes, {vnodes:N0} virtual nodes, {keys:N0} keys"))
            .AddColumn("scheme")
            .AddColumn(new TableColumn("load σ/mean").RightAligned())
            .AddColumn(new TableColumn("max/mean").RightAligned())
            .AddColumn(new TableColumn("moved on join").RightAligned())
            .AddColumn(new TableColumn("ideal").RightAligned())
            .AddColumn(new TableColumn("moved on leave").RightAligned())
            .AddColumn(new TableColumn("ideal").RightAligned())
            .AddColumn(new TableColumn("lookup").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(
                r.Scheme,
                Percent(r.LoadStdDevOverMean),
                r.MaxOverMean.ToString("0.000", CultureInfo.InvariantCulture),
                Percent(r.MovedOnJoin),
                Percent(r.IdealMovedOnJoin),
                Percent(r.MovedOnLeave),
                Percent(r.IdealMovedOnLeave),
                string.Create(CultureInfo.InvariantCulture, $"{r.LookupNanoseconds:0} ns"));
        }

        CliConsole.For(output).Write(table);
    }

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
