using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>What a synced path may be: the rules the server stores by and the client places by.</summary>
public sealed class SyncPathTests
{
    [Theory]
    [InlineData("docs/report.txt", "docs/report.txt")]
    [InlineData("/docs/report.txt", "docs/report.txt")]
    [InlineData("%2e%2e/x", "%2e%2e/x")] // a name of its own, not a traversal
    [InlineData("blueprint-sync/x", "blueprint-sync/x")]
    public void A_valid_path_parses_to_its_normal_form(string raw, string value)
    {
        Assert.True(SyncPath.TryParse(raw, out var path, out var error), error);
        Assert.Equal(value, path.Value);
    }

    [Theory]
    [InlineData("../x", "'..'")]
    [InlineData("a/../../x", "'..'")]
    [InlineData("x\\..\\..\\x", "'\\'")]
    [InlineData(".blueprint-sync/state.json", ".blueprint-sync")]
    [InlineData("docs/.BLUEPRINT-SYNC/x", ".blueprint-sync")]
    [InlineData(".blueprint-sync", ".blueprint-sync")]
    [InlineData("a//b", "empty name")]
    [InlineData("nul\0byte", "control characters")]
    public void An_invalid_path_is_refused_saying_why(string raw, string reason)
    {
        Assert.False(SyncPath.TryParse(raw, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
