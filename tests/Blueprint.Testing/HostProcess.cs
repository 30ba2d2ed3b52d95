using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Blueprint.Testing;

/// <summary>A Blueprint host as its own OS process on a loopback port, so a test can kill -9 it.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a host with the given settings (e.g. "ConnectionStrings:Postgres" → a connection string) and waits until it is ready.</summary>
    /// <param name="dataDirectory">Its data directory.</param>
    /// <param name="settings">Configuration on its command line.</param>
    /// <param name="waitFor">The health endpoint that must answer 2xx: /health/ready, or /health/live for a host expected not to be ready.</param>
    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings, string waitFor = "/health/ready")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                typeof(Blueprint.Host.BlueprintHost).Assembly.Location,
                "--urls", $"http://127.0.0.1:{port}",
                "--Blueprint:DataDirectory", dataDirectory,
                "--Logging:LogLevel:Default", "Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilAnsweringAsync(waitFor);
        return host;
    }

    /// <summary>SIGKILL: no shutdown, no flush, exactly what a crashed machine does.</summary>
    public void KillNine() => _process.Kill(entireProcessTree: true);

    private async Task WaitUntilAnsweringAsync(string healthPath)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var answering = false;
        await Poll.UntilAsync(async () => _process.HasExited || (answering = await AnswersAsync(client, healthPath)), 60_000, $"The host at {Address} answering {healthPath}");
        if (!answering)
        {
            throw new InvalidOperationException($"The host at {Address} exited before it answered {healthPath}.");
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string healthPath)
    {
        try
        {
            return (await client.GetAsync(new Uri(healthPath, UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException)
        {
            // Listening but slow to answer: three hosts starting at once on two cores can take
            // longer than one probe's timeout. The 60 s deadline still bounds the wait.
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
