using System.Text.Json;

namespace Blueprint.Cli.Tests.Commands;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task HashingSimulate_PrintsEverySchemeAndShowsProgress()
    {
        var (exit, output, error) = await Cli.RunAsync("hashing", "simulate", "--nodes", "10", "--vnodes", "200", "--keys", "20000");

        Assert.Equal(0, exit);
        foreach (var scheme in new[] { "modulo", "ring", "jump", "rendezvous", "maglev", "bounded-load" })
        {
            Assert.Contains(scheme, output);
        }

        Assert.Contains("10 nodes, 200 virtual nodes, 20,000 keys", output);
        Assert.Contains("9.09%", output); // the ideal share moved when an 11th node joins
        Assert.Contains("[6/6] bounded-load", error);
    }

    [Fact]
    public async Task HashingSimulate_RangesSweepEveryCombination_AsJson()
    {
        var (exit, output, _) = await Cli.RunAsync("hashing", "simulate", "--nodes", "3..4", "--vnodes", "1,50", "--keys", "5000", "--schemes", "ring,jump", "--json");

        Assert.Equal(0, exit);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(2 * 2 * 2, results.Count);
        Assert.Equal([3, 4], results.Select(r => r.GetProperty("nodes").GetInt32()).Distinct().Order());
        var ringAtOneVnode = results.First(r => r.GetProperty("scheme").GetString() == "ring" && r.GetProperty("nodes").GetInt32() == 3);
        var ringAtFifty = results.Last(r => r.GetProperty("scheme").GetString() == "ring" && r.GetProperty("nodes").GetInt32() == 3);
        Assert.True(ringAtFifty.GetProperty("loadStdDevOverMean").GetDouble() < ringAtOneVnode.GetProperty("loadStdDevOverMean").GetDouble());
    }

    [Fact]
    public async Task HashingOwnership_SpreadShrinksAsVirtualNodesGrow()
    {
        var (exit, output, _) = await Cli.RunAsync("hashing", "ownership", "--nodes", "200", "--vnodes", "1,100");

        Assert.Equal(0, exit);
        var rows = output.Split('\n').Where(l => l.Contains("│   200 │", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        double Spread(string row) => double.Parse(row.Split('│')[3].Trim().TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(Spread(rows[0]), 70, 130);  // one token each: about 100 %
        Assert.InRange(Spread(rows[1]), 7, 13);    // 100 each: about 1/√100 = 10 %
    }

    [Theory]
    [InlineData("--nodes", "ten", "--nodes")]
    [InlineData("--nodes", "1", "--nodes")]
    [InlineData("--vnodes", "5..2", "--vnodes")]
    [InlineData("--schemes", "ring,magic", "magic")]
    [InlineData("--keys", "0", "--keys")]
    public async Task HashingSimulate_BadOption_IsNamed(string option, string value, string named)
    {
        var (exit, _, error) = await Cli.RunAsync("hashing", "simulate", option, value, "--keys", option == "--keys" ? value : "100");
        Assert.NotEqual(0, exit);
        Assert.Contains(named, error);
    }

    [Fact]
    public async Task CacheSimulate_Zipf_PrintsAHitRatioPerPolicyAndSize()
    {
        var (exit, output, error) = await Cli.RunAsync("cache", "simulate", "--trace", "zipf", "--sizes", "100,1k", "--length", "50000", "--keys", "5000");

        Assert.Equal(0, exit);
        Assert.Contains("LRU", output);
        Assert.Contains("LFU", output);
        Assert.Contains("FIFO", output);
        Assert.Contains("1,000", output);
        Assert.Contains("[2/2]", error);
    }

    [Fact]
    public async Task CacheSimulate_ARecordedTraceFile_IsReplayed()
    {
        var file = Path.GetTempFileName();
        try
        {
            // a, b, a, b, c, a: with room for two keys LRU hits the 2nd a and b, then misses c and the last a.
            await File.WriteAllLinesAsync(file, ["a", "b", "a", "b", "c", "a"]);
            var (exit, output, _) = await Cli.RunAsync("cache", "simulate", "--trace", file, "--sizes", "2", "--json");

            Assert.Equal(0, exit);
            var lru = JsonDocument.Parse(output).RootElement.EnumerateArray().Single(r => r.GetProperty("policy").GetString() == "Lru");
            Assert.Equal(2.0 / 6, lru.GetProperty("hitRatio").GetDouble(), 6);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--trace", "/no/such/trace", "--trace")]
    [InlineData("--sizes", "0", "--sizes")]
    [InlineData("--sizes", "lots", "--sizes")]
    public async Task CacheSimulate_BadOption_IsNamed(string option, string value, string named)
    {
        var (exit, _, error) = await Cli.RunAsync("cache", "simulate", option, value, "--length", "100");
        Assert.NotEqual(0, exit);
        Assert.Contains(named, error);
    }
}
