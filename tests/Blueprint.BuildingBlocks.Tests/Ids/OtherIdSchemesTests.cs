using Blueprint.BuildingBlocks.Ids;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.Ids;

public sealed class OtherIdSchemesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UuidV7_ManyInOneMillisecond_RiseStrictlyAsStringsAndBytes()
    {
        var generator = new UuidV7Generator(new FakeTimeProvider(Now));
        var ids = Enumerable.Range(0, 100_000).Select(_ => generator.Next()).ToList();

        var strings = ids.Select(g => g.ToString()).ToList();
        Assert.Equal(strings.Order(StringComparer.Ordinal), strings);
        Assert.Equal(ids.Count, strings.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(Now, UuidV7Generator.TimestampOf(id));
        });
        Assert.All(ids, id => Assert.Equal(0b10, id.ToByteArray(bigEndian: true)[8] >> 6));
    }

    [Fact]
    public void UuidV7_TheFrameworksVersion7_IsNotMonotonicWithinAMillisecond()
    {
        // Why UuidV7Generator exists: Guid.CreateVersion7 fills the sub-millisecond bits at random.
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7(Now).ToString()).ToList();
        Assert.NotEqual(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void UuidV7_ClockStepsBack_StillRises()
    {
        var time = new FakeTimeProvider(Now);
        var generator = new UuidV7Generator(time);
        var before = generator.Next().ToString();
        time.AdjustTime(Now.AddSeconds(-1));

        Assert.True(string.CompareOrdinal(generator.Next().ToString(), before) > 0);
    }

    [Fact]
    public void Ulid_ManyInOneMillisecond_RiseAndRoundTripThroughText()
    {
        var generator = new UlidGenerator(new FakeTimeProvider(Now));
        var ids = Enumerable.Range(0, 50_000).Select(_ => generator.Next()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i] > ids[i - 1]);
            Assert.True(string.CompareOrdinal(ids[i].ToString(), ids[i - 1].ToString()) > 0);
        }

        Assert.All(ids.Take(100), id =>
        {
            Assert.Equal(26, id.ToString().Length);
            Assert.Equal(id, Ulid.Parse(id.ToString().ToLowerInvariant()));
            Assert.Equal(Now, id.Timestamp);
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU")]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV")]
    public void Ulid_Parse_RefusesWhatIsNotAUlid(string text) => Assert.Throws<FormatException>(() => Ulid.Parse(text));

    [Fact]
    public void Ulid_Parse_ReadsTheSpecsExample() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385), Ulid.Parse("01ARYZ6S41TSV4RRFFQ69G5FAV").Timestamp);

    [Fact]
    public void MultiMaster_KServers_NeverCollideAndStepByK()
    {
        var servers = Enumerable.Range(0, 3).Select(i => new MultiMasterIdGenerator(i, 3)).ToList();
        var ids = servers.SelectMany(s => Enumerable.Range(0, 1000).Select(_ => s.Next())).ToList();

        Assert.Equal(3000, ids.Distinct().Count());
        Assert.Equal([1L, 4, 7], [.. ids.Take(3)]);
        Assert.All(ids.Skip(1000).Take(1000), id => Assert.Equal(2, id % 3));
    }

    [Fact]
    public void MultiMaster_ResumesAfterWhatItIssuedBefore()
    {
        var server = new MultiMasterIdGenerator(1, 3, issuedBefore: 10);
        Assert.Equal(32, server.Next());
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(-1, 3)]
    [InlineData(0, 0)]
    public void MultiMaster_IndexOutsideTheServers_IsRefused(int index, int count) =>
        Assert.ThrowsAny<ArgumentException>(() => new MultiMasterIdGenerator(index, count));
}
