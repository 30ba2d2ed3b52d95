using System.Text.Json;

namespace Blueprint.Cli.Tests.Commands;

public sealed class RateLimitCommandTests
{
    [Fact]
    public async Task Regions_PrintsTheOverAdmissionPerDelay_AndShowsProgress()
    {
        var (exit, output, error) = await Cli.RunAsync("ratelimit", "regions", "--regions", "3", "--delays", "0,100");

        Assert.Equal(0, exit);
        Assert.Contains("A global limit of 1,000/s", output);
        Assert.Contains("│       3 │       0 ms │            1,000 │          0.0 % │", output);
        Assert.Contains("│       3 │     100 ms │            1,200 │         20.0 % │", output);
        Assert.Contains("[2/2] 3 regions, counters 100 ms late", error);
    }

    [Fact]
    public async Task Regions_SweepsRanges_AsJson()
    {
        var (exit, output, _) = await Cli.RunAsync("ratelimit", "regions", "--regions", "2..4", "--delays", "50", "--limit", "500", "--offered", "500", "--json");

        Assert.Equal(0, exit);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], results.Select(r => r.GetProperty("regions").GetInt32()));
        Assert.All(results, r => Assert.Equal(500, r.GetProperty("limit").GetInt64()));
        // Each other region adds half a request per ms for 50 ms.
        Assert.Equal([525L, 550L, 575L], results.Select(r => r.GetProperty("mostInAWindow").GetInt64()));
    }

    [Theory]
    [InlineData("--regions", "0", "--regions")]
    [InlineData("--delays", "fast", "--delays")]
    [InlineData("--limit", "0", "--limit")]
    public async Task Regions_BadOption_IsNamed(string option, string value, string named)
    {
        var (exit, _, error) = await Cli.RunAsync("ratelimit", "regions", option, value);

        Assert.NotEqual(0, exit);
        Assert.Contains(named, error);
    }
}
