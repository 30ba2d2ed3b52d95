using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blueprint.Gateway.Tests;

/// <summary>A stand-in host on a real loopback port: answers who it is, what forwarding headers it got, and its health.</summary>
internal sealed class FakeBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _served;

    private FakeBackend(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url => _app.Urls.First();

    public int Served => Volatile.Read(ref _served);

    public static async Task<FakeBackend> StartAsync(string name, int port = 0, TimeSpan? delay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new FakeBackend(app, name);
        app.MapGet("/health/live", () => "live");
        app.MapGet("/whoami", async (HttpContext context) =>
        {
            Interlocked.Increment(ref backend._served);
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            var headers = context.Request.Headers;
            return $"{name}|{headers["X-Forwarded-For"]}|{headers["X-Forwarded-Host"]}|{headers["X-Forwarded-Proto"]}";
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
