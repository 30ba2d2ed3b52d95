using Blueprint.Capacity.Estimation;

namespace Blueprint.Capacity.Tests.Estimation;

public sealed class SiUnitsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(200e3, "200 kB")]
    [InlineData(630.72e9, "631 GB")]
    [InlineData(4.4e9, "4.4 GB")]
    [InlineData(1.5e17, "150 PB")]
    [InlineData(999.6e3, "1 MB")]
    public void Bytes_RoundsToThreeSignificantDigitsWithDecimalPrefixes(double bytes, string expected) =>
        Assert.Equal(expected, SiUnits.Bytes(bytes));

    [Theory]
    [InlineData(1000, "1,000/s")]
    [InlineData(44000, "44,000/s")]
    [InlineData(1157.407, "1,160/s")]
    [InlineData(2.5e7, "25 M/s")]
    public void Rate_IsReadable(double rate, string expected) => Assert.Equal(expected, SiUnits.Rate(rate));

    [Theory]
    [InlineData("200", 200)]
    [InlineData("200B", 200)]
    [InlineData("100 kB", 100e3)]
    [InlineData("1MB", 1e6)]
    [InlineData("1.5GB", 1.5e9)]
    [InlineData("4KiB", 4096)]
    [InlineData("2e3", 2000)]
    public void TryParseBytes_AcceptsCommonSpellings(string text, double expected)
    {
        Assert.True(SiUnits.TryParseBytes(text, out var bytes));
        Assert.Equal(expected, bytes, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("10 XB")]
    public void TryParseBytes_RefusesNonsense(string text) => Assert.False(SiUnits.TryParseBytes(text, out _));
}
