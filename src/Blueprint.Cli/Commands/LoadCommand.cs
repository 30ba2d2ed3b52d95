using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Blueprint.Cli.Load;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary><c>blueprint load url-shortener</c>: the seed's traffic mix at a target rate against a running host (000 §8.2).</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(TextWriter output)
    {
        var server = ServerAddress.Option();
        var apiKey = new Option<string?>("--api-key") { Description = "Create the links as the owner of this API key. By default the run registers a throwaway account, so your own link history stays clean (BLUEPRINT_API_KEY is not used)." };
        var rate = new Option<double>("--rate") { Description = "Requests per second, redirects and creates together. Default 1100: the seed's 1,000 reads and 100 writes.", DefaultValueFactory = _ => 1100 };
        var duration = new Option<int>("--duration") { Description = "Seconds to send for, 1 to 600. Default 10.", DefaultValueFactory = _ => 10 };
        var readsPerWrite = new Option<int>("--reads-per-write") { Description = "Redirects per create, 0 to 1,000. Default 10 (the seed's 10:1).", DefaultValueFactory = _ => 10 };
        var connections = new Option<int>("--connections") { Description = "Most requests in flight at once, 1 to 1,024. Default 64.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed-links") { Description = "Links created before the clock starts, for the first redirects, 1 to 100,000. Default 100.", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var shortener = new Command("url-shortener", "Send redirects and creates in the seed's mix at a fixed rate, open-loop, and report the rate achieved and latency percentiles.")
        {
            server, apiKey, rate, duration, readsPerWrite, connections, seed, json,
        };
        shortener.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var problem = (parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(readsPerWrite), parse.GetValue(connections), parse.GetValue(seed)) switch
            {
                ({ } r, _, _, _, _) when !(r is >= 1 and <= 100_000) => "--rate is from 1 to 100,000 requests per second.",
                (_, < 1 or > 600, _, _, _) => "--duration is from 1 to 600 seconds.",
                (_, _, < 0 or > 1_000, _, _) => "--reads-per-write is from 0 to 1,000.",
                (_, _, _, < 1 or > 1_024, _) => "--connections is from 1 to 1,024.",
                (_, _, _, _, < 1 or > 100_000) => "--seed-links is from 1 to 100,000.",
                _ => null,
            };
            if (problem is not null)
            {
                error.WriteLine(problem);
                return 1;
            }

            if (ServerAddress.Resolve(parse.GetValue(server), error) is not { } address)
            {
                return 1;
            }

            var options = new UrlShortenerLoadOptions(
                address, parse.GetValue(apiKey), parse.GetValue(rate),
                TimeSpan.FromSeconds(parse.GetValue(duration)), parse.GetValue(readsPerWrite), parse.GetValue(connections), parse.GetValue(seed));
            UrlShortenerLoadReport report;
            try
            {
                report = await new UrlShortenerLoad(options, error).RunAsync(cancellationToken);
            }
            catch (Exception failure) when (failure is LoadFailedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error.WriteLine($"The load run could not start against {address}: {failure.Message}");
                return 1;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, Json));
                return 0;
            }

            Print(output, report);
            return 0;
        });

        return new Command("load", "Load generators for the systems, against a running host.") { shortener };
    }

    private static void Print(TextWriter output, UrlShortenerLoadReport report)
    {
        static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var table = new Table()
            .Title(string.Create(CultureInfo.InvariantCulture, $"{report.TargetRate:N0} requests/s asked, {report.AchievedPerSecond:N1}/s succeeded over {report.Seconds:0.0} s (latency in ms, from when each request was due)"))
            .AddColumns("", "requests", "succeeded/s", "p50", "p90", "p99", "p99.9", "max", "failures");
        foreach (var (name, kind) in new[] { ("redirects", report.Reads), ("creates", report.Writes) })
        {
            table.AddRow(
                name,
                kind.Requests.ToString("N0", CultureInfo.InvariantCulture),
                kind.SucceededPerSecond.ToString("N1", CultureInfo.InvariantCulture),
                Ms(kind.P50), Ms(kind.P90), Ms(kind.P99), Ms(kind.P999), Ms(kind.Max),
                kind.Failures.Count == 0 ? "none" : Markup.Escape(string.Join(", ", kind.Failures.Select(f => $"{f.Key}: {f.Value:N0}"))));
        }

        CliConsole.For(output).Write(table);
    }
}
