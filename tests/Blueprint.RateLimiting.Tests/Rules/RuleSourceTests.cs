using Blueprint.RateLimiting.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blueprint.RateLimiting.Tests.Rules;

/// <summary>Rules re-read when their file changes, without a restart; a bad file never replaces good rules.</summary>
public sealed class RuleSourceTests : IDisposable
{
    private const string FiveAMinute = "domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5 }\n";
    private const string SevenAMinute = "domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 7 }\n";
    private readonly TemporaryDirectory _directory = new();

    private string File => Path.Combine(_directory.Path, "rules.yaml");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void NoFileConfigured_LimitsNothing()
    {
        using var source = new RateLimitRuleSource(null, NullLogger<RateLimitRuleSource>.Instance);

        Assert.Empty(source.Current.Rules);
        Assert.False(source.CheckForChanges());
    }

    [Fact]
    public void AMissingFile_IsReported_AndLimitsNothing()
    {
        using var source = new RateLimitRuleSource(File, NullLogger<RateLimitRuleSource>.Instance, watch: false);

        Assert.Empty(source.Current.Rules);
        Assert.Contains("does not exist", Assert.Single(source.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedFile_IsInForceWithinSeconds_WithoutARestart()
    {
        await System.IO.File.WriteAllTextAsync(File, FiveAMinute);
        using var source = new RateLimitRuleSource(File, NullLogger<RateLimitRuleSource>.Instance);
        Assert.Equal(5, Assert.Single(source.Current.Rules).Limit.Limit);

        await System.IO.File.WriteAllTextAsync(File, SevenAMinute);

        await Poll.UntilAsync(() => source.Current.Rules.Single().Limit.Limit == 7);
        Assert.Equal(2, source.Version);
        Assert.Empty(source.Problems);
    }

    [Fact]
    public async Task ABadFile_IsRefused_AndTheLastGoodRulesStayInForce()
    {
        await System.IO.File.WriteAllTextAsync(File, FiveAMinute);
        using var source = new RateLimitRuleSource(File, NullLogger<RateLimitRuleSource>.Instance, watch: false);

        await System.IO.File.WriteAllTextAsync(File, FiveAMinute.Replace("minute", "fortnight", StringComparison.Ordinal));
        Assert.False(source.CheckForChanges());

        Assert.Equal(5, Assert.Single(source.Current.Rules).Limit.Limit);
        Assert.Contains(source.Problems, p => p.StartsWith($"{File}:4:", StringComparison.Ordinal) && p.Contains("fortnight", StringComparison.Ordinal));

        // Fixed again: in force, and the problems are gone.
        await System.IO.File.WriteAllTextAsync(File, SevenAMinute);
        Assert.True(source.CheckForChanges());
        Assert.Empty(source.Problems);
        Assert.Equal(7, source.Current.Rules.Single().Limit.Limit);
    }

    [Fact]
    public async Task AFileWrittenAgainWithTheSameContent_IsNotReloaded()
    {
        await System.IO.File.WriteAllTextAsync(File, FiveAMinute);
        using var source = new RateLimitRuleSource(File, NullLogger<RateLimitRuleSource>.Instance, watch: false);
        System.IO.File.SetLastWriteTimeUtc(File, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));

        Assert.False(source.CheckForChanges());
        Assert.Equal(1, source.Version);
    }
}
