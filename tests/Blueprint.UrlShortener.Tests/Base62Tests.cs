using Blueprint.BuildingBlocks.Ids;

namespace Blueprint.UrlShortener.Tests;

public sealed class Base62Tests
{
    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(61UL, "z")]
    [InlineData(62UL, "10")]
    [InlineData(ulong.MaxValue, "LygHa16AHYF")]
    public void EncodesAndDecodes(ulong value, string text)
    {
        Assert.Equal(text, Base62.Encode(value));
        Assert.Equal(value, Base62.Decode(text));
    }

    [Fact]
    public void RoundTripsRandomValues()
    {
        var random = new Random(62);
        for (var i = 0; i < 10_000; i++)
        {
            var value = (ulong)random.NextInt64() * 2;
            Assert.Equal(value, Base62.Decode(Base62.Encode(value)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc-")]
    [InlineData("LygHa16AHYG")]
    [InlineData("000000000000")]
    public void BadText_IsAFormatError(string text) => Assert.Throws<FormatException>(() => Base62.Decode(text));
}
