using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Blueprint.BuildingBlocks.RateLimiting;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary><c>blueprint ratelimit regions</c>: how much a global limit over-admits when regions sync their counters late (seed 003 §4).</summary>
internal static class RateLimitCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(TextWriter output)
    {
        var regions = NumberListOption.Create("--regions", "Data centres sharing the limit.", 1, 64, "3");
        var delays = NumberListOption.Create("--delays", "Replication delays of the counters in milliseconds.", 0, 60_000, "0,10,50,100,250,500");
        var limit = new Option<long>("--limit") { Description = "The global limit per second. Default 1000.", DefaultValueFactory = _ => 1000 };
        var offered = new Option<long>("--offered") { Description = "Requests per second offered to each region. Default 1000.", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command("regions", "Simulate one global limit enforced in several regions whose counters replicate late, and print how far it over-admits.")
        {
            regions, delays, limit, offered, json,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (regionList, delayList) = (parse.GetValue(regions)!, parse.GetValue(delays)!);
            var (perSecond, perRegion) = (parse.GetValue(limit), parse.GetValue(offered));
            if (perSecond is < 1 or > 1_000_000 || perRegion is < 1 or > 1_000_000)
            {
                error.WriteLine("--limit and --offered are from 1 to 1,000,000 per second.");
                return 1;
            }

            var results = new List<RegionSyncResult>();
            foreach (var count in regionList)
            {
                foreach (var delay in delayList)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{results.Count + 1}/{regionList.Count * delayList.Count}] {count} regions, counters {delay} ms late"));
                    results.Add(MultiRegionSimulation.Run(count, new RateLimit(perSecond, TimeSpan.FromSeconds(1)), perRegion, TimeSpan.FromMilliseconds(delay)));
                }
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(results, Json));
                return 0;
            }

            var table = new Table()
                .Title(string.Create(CultureInfo.InvariantCulture, $"A global limit of {perSecond:N0}/s, {perRegion:N0}/s offered to each region, 10 s"))
                .AddColumns(new TableColumn("regions").RightAligned(), new TableColumn("sync delay").RightAligned(), new TableColumn("most in a second").RightAligned(), new TableColumn("over the limit").RightAligned());
            foreach (var r in results)
            {
                table.AddRow(
                    r.Regions.ToString(CultureInfo.InvariantCulture),
                    r.SyncDelay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms",
                    r.MostInAWindow.ToString("N0", CultureInfo.InvariantCulture),
                    (r.OverAdmission * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %");
            }

            CliConsole.For(output).Write(table);
            return 0;
        });

        return new Command("ratelimit", "Rate limiting (seed 003 §4).") { command };
    }
}
