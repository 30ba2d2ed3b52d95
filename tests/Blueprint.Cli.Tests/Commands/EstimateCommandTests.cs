using System.Text.Json;

namespace Blueprint.Cli.Tests.Commands;

public sealed class EstimateCommandTests
{
    [Fact]
    public async Task Estimate_UrlShortenerPreset_PrintsTheSeedsFigures()
    {
        var (exit, output, _) = await Cli.RunAsync("estimate", "--preset", "url-shortener");

        Assert.Equal(0, exit);
        Assert.Contains("1,000/s", output);
        Assert.Contains("100/s", output);
        Assert.Contains("200 kB/s", output);
        Assert.Contains("631 GB", output);
    }

    [Fact]
    public async Task Estimate_DropboxPreset_PrintsTheSeedsPeakFigures()
    {
        var (exit, output, _) = await Cli.RunAsync("estimate", "--preset", "dropbox");

        Assert.Equal(0, exit);
        Assert.Contains("4,000/s", output);
        Assert.Contains("44,000/s", output);
        Assert.Contains("4.4 GB/s", output);
        Assert.Contains("150 PB", output);
    }

    [Fact]
    public async Task Estimate_Json_IsMachineReadableAndOptionsOverrideThePreset()
    {
        var (exit, output, _) = await Cli.RunAsync("estimate", "--preset", "url-shortener", "--dau", "2e8", "--read-write-ratio", "20:1", "--request-size", "1kB", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var average = json.RootElement.GetProperty("average");
        Assert.Equal(2000, average.GetProperty("reads").GetDouble(), precision: 6);
        Assert.Equal(100, average.GetProperty("writes").GetDouble(), precision: 6);
        Assert.Equal(1000, json.RootElement.GetProperty("inputs").GetProperty("requestSizeBytes").GetDouble());
    }

    [Fact]
    public async Task Estimate_Exact_UsesRealSecondsPerDay()
    {
        var (exit, output, _) = await Cli.RunAsync("estimate", "--dau", "86400", "--interactions", "1", "--request-size", "100", "--exact", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("average").GetProperty("reads").GetDouble(), precision: 9);
    }

    [Theory]
    [InlineData("--dau", "-5", "--dau")]
    [InlineData("--dau", "0", "--dau")]
    [InlineData("--interactions", "abc", "--interactions")]
    [InlineData("--request-size", "lots", "--request-size")]
    [InlineData("--read-write-ratio", "0:1", "--read-write-ratio")]
    [InlineData("--peak-factor", "0", "--peak-factor")]
    public async Task Estimate_BadNumber_FailsNamingTheOption(string option, string value, string named)
    {
        var args = new List<string> { "estimate", "--dau", "1e6", "--interactions", "1", "--request-size", "200" };
        var existing = args.IndexOf(option);
        if (existing >= 0)
        {
            args.RemoveRange(existing, 2);
        }

        args.AddRange([option, value]);
        var (exit, _, error) = await Cli.RunAsync([.. args]);

        Assert.NotEqual(0, exit);
        Assert.Contains(named, error);
    }

    [Fact]
    public async Task Estimate_MissingRequiredNumbers_FailsNamingThem()
    {
        var (exit, _, error) = await Cli.RunAsync("estimate", "--interactions", "1");

        Assert.NotEqual(0, exit);
        Assert.Contains("--dau", error);
        Assert.Contains("--request-size", error);
    }

    [Fact]
    public async Task Estimate_PeakFactorBelowOne_FailsNamingIt()
    {
        var (exit, _, error) = await Cli.RunAsync("estimate", "--preset", "url-shortener", "--peak-factor", "0.5");

        Assert.NotEqual(0, exit);
        Assert.StartsWith("--peak-factor: Peak factor must be at least 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_UnknownPreset_FailsListingThePresets()
    {
        var (exit, _, error) = await Cli.RunAsync("estimate", "--preset", "nope");

        Assert.NotEqual(0, exit);
        Assert.Contains("url-shortener", error);
    }
}
