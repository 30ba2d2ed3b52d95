using System.Security.Claims;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.UrlShortener.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Blueprint.UrlShortener.Api;

/// <summary>
/// A QR code of a link's short URL, as PNG (to print) or SVG (to scale), for its owner. Error
/// correction level M: a code survives 15 % damage, the usual choice for print.
/// </summary>
internal static class QrCodeApi
{
    private const int DefaultScale = 8;
    private const int MaxScale = 40;

    public static void MapQrCodes(this RouteGroupBuilder urls)
    {
        urls.MapGet("/{key}/qr.png", PngAsync).WithName("ShortUrlQrPng").WithSummary("The short URL as a QR code, PNG; scale is pixels per module.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        urls.MapGet("/{key}/qr.svg", SvgAsync).WithName("ShortUrlQrSvg").WithSummary("The short URL as a QR code, SVG; scale is units per module.")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
    }

    private static Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PngAsync(
        string key, ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, CancellationToken cancellationToken, int scale = DefaultScale) =>
        RenderAsync(key, scale, user, http, store, options, "image/png", (code, s) => new PngByteQRCode(code).GetGraphic(s), cancellationToken);

    private static Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SvgAsync(
        string key, ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, CancellationToken cancellationToken, int scale = DefaultScale) =>
        RenderAsync(key, scale, user, http, store, options, "image/svg+xml", (code, s) => System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(code).GetGraphic(s)), cancellationToken);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> RenderAsync(
        string key, int scale, ClaimsPrincipal user, HttpContext http, LinkStore store, IOptions<UrlShortenerOptions> options, string contentType,
        Func<QRCodeData, int, byte[]> draw, CancellationToken cancellationToken)
    {
        if (scale is < 1 or > MaxScale)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("scale", $"scale is from 1 to {MaxScale}.")), title: "The QR code request is not valid");
        }

        if (await store.FindOwnAsync(user.UserId(), key, cancellationToken) is not { } link)
        {
            return UrlApi.NoSuchLink(key);
        }

        var shortUrl = new Uri(UrlApi.BaseUrl(http, options.Value), link.Key).ToString();
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(shortUrl, QRCodeGenerator.ECCLevel.M);
        return TypedResults.File(draw(code, scale), contentType, $"{link.Key}.{(contentType == "image/png" ? "png" : "svg")}");
    }
}
