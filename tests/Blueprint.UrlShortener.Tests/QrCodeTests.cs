using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Blueprint.UrlShortener.Tests;

/// <summary>QR codes of a link's short URL, PNG and SVG, for its owner only.</summary>
public sealed class QrCodeTests : IDisposable
{
    private readonly BlueprintFactory _host = new([]);

    public void Dispose() => _host.Dispose();

    private async Task<(SignedInClient Owner, string Key)> LinkAsync(string url)
    {
        var owner = await SignedInClient.SignUpAsync(_host.CreateClient());
        var key = (await owner.JsonAsync(HttpMethod.Post, "/api/urls", new { url }, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        return (owner, key);
    }

    [Fact]
    public async Task Png_IsASquareImage_WhoseSideGrowsWithTheScale()
    {
        var (owner, key) = await LinkAsync("https://example.com/qr");

        var small = await SideAsync(owner, $"/api/urls/{key}/qr.png?scale=2");
        var large = await SideAsync(owner, $"/api/urls/{key}/qr.png?scale=10");

        // A QR code is 21 + 4(v − 1) modules a side, plus a quiet zone of 4 on each side.
        Assert.Equal(0, small % 2);
        Assert.Equal(small * 5, large);
        var modules = small / 2 - 8;
        Assert.True(modules >= 21 && (modules - 21) % 4 == 0, $"{modules} modules is not a QR code version's size");
    }

    [Fact]
    public async Task Svg_IsAnSvgDocumentWithAFilename()
    {
        var (owner, key) = await LinkAsync("https://example.com/qr-svg");

        using var response = await owner.SendAsync(HttpMethod.Get, $"/api/urls/{key}/qr.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{key}.svg", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersKey_IsNotFound_AndABadScaleIsRefused()
    {
        var (owner, key) = await LinkAsync("https://example.com/private-qr");
        var stranger = await SignedInClient.SignUpAsync(_host.CreateClient());

        using var theirs = await stranger.SendAsync(HttpMethod.Get, $"/api/urls/{key}/qr.png");
        var badScale = await owner.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/qr.png?scale=0", expected: HttpStatusCode.BadRequest);
        using var anonymous = await _host.CreateClient().GetAsync(new Uri($"/api/urls/{key}/qr.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.True(badScale.GetProperty("errors").TryGetProperty("scale", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    // The width from the PNG's IHDR chunk, after checking it is square.
    private static async Task<int> SideAsync(SignedInClient owner, string path)
    {
        using var response = await owner.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("\x89PNG\r\n\x1a\n", Encoding.Latin1.GetString(png, 0, 8));
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        return width;
    }
}
