using System.Globalization;
using Blueprint.BuildingBlocks.Probabilistic;
using Xunit.Abstractions;

namespace Blueprint.BuildingBlocks.Tests.Probabilistic;

public sealed class BloomFilterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.001)]
    public void FalsePositiveRate_OnAMillionItems_IsWithinTwentyPercentOfTheTarget(double target)
    {
        const int items = 1_000_000;
        var filter = new BloomFilter(items, target);
        for (var i = 0; i < items; i++)
        {
            filter.Add(string.Create(CultureInfo.InvariantCulture, $"member-{i}"));
        }

        var falsePositives = 0;
        for (var i = 0; i < items; i++)
        {
            if (filter.MightContain(string.Create(CultureInfo.InvariantCulture, $"stranger-{i}")))
            {
                falsePositives++;
            }
        }

        var measured = falsePositives / (double)items;
        output.WriteLine($"target {target:P2}: measured {measured:P3} ({falsePositives:N0} of {items:N0}), {filter.BitCount:N0} bits, {filter.HashCount} hashes");
        Assert.InRange(measured, target * 0.8, target * 1.2);
    }

    [Fact]
    public void MightContain_EveryAddedItem_IsTrue()
    {
        var filter = new BloomFilter(10_000, 0.01);
        var items = Enumerable.Range(0, 10_000).Select(i => $"https://example.com/{i}").ToList();
        items.ForEach(filter.Add);
        Assert.All(items, item => Assert.True(filter.MightContain(item)));
    }

    [Fact]
    public void Sizing_FollowsTheFormula()
    {
        var filter = new BloomFilter(1_000_000, 0.01);
        Assert.InRange(filter.BitCount, 9_585_000, 9_586_000);
        Assert.Equal(7, filter.HashCount);
    }

    [Fact]
    public async Task ParallelAdds_LoseNoBit()
    {
        var filter = new BloomFilter(400_000, 0.01);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                filter.Add($"{t}:{i}");
            }
        })));

        Assert.Equal(400_000, filter.AddCount);
        for (var t = 0; t < 8; t++)
        {
            for (var i = 0; i < 50_000; i++)
            {
                Assert.True(filter.MightContain($"{t}:{i}"));
            }
        }
    }

    [Fact]
    public void WriteThenRead_GivesTheSameAnswers()
    {
        var filter = new BloomFilter(50_000, 0.02);
        for (var i = 0; i < 50_000; i += 2)
        {
            filter.Add(i.ToString(CultureInfo.InvariantCulture));
        }

        using var stream = new MemoryStream();
        filter.WriteTo(stream);
        stream.Position = 0;
        var loaded = BloomFilter.ReadFrom(stream);

        Assert.Equal(filter.BitCount, loaded.BitCount);
        Assert.Equal(filter.HashCount, loaded.HashCount);
        Assert.Equal(filter.AddCount, loaded.AddCount);
        Assert.Equal(filter.TargetFalsePositiveRate, loaded.TargetFalsePositiveRate);
        for (var i = 0; i < 50_000; i++)
        {
            var key = i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(filter.MightContain(key), loaded.MightContain(key));
        }
    }

    [Fact]
    public void ReadFrom_SomethingElse_IsRefused()
    {
        using var stream = new MemoryStream(new byte[100]);
        Assert.Throws<InvalidDataException>(() => BloomFilter.ReadFrom(stream));
    }

    [Theory]
    [InlineData(0, 0.01, "expectedItems")]
    [InlineData(-1, 0.01, "expectedItems")]
    [InlineData(100, 0, "falsePositiveRate")]
    [InlineData(100, 1, "falsePositiveRate")]
    [InlineData(100, -0.5, "falsePositiveRate")]
    [InlineData(100, double.NaN, "falsePositiveRate")]
    public void Constructor_BadSizing_NamesTheParameter(long items, double rate, string parameter) =>
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => new BloomFilter(items, rate)).ParamName);
}
