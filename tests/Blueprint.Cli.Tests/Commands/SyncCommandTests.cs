using System.Diagnostics;
using System.Net;
using System.Text;
using Blueprint.Testing;

namespace Blueprint.Cli.Tests.Commands;

/// <summary><c>blueprint sync</c> against a real host on loopback: two folders converge, a dry run changes nothing, and a client killed mid-upload converges when run again.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private readonly BlueprintFactory _host = new([]);
    private readonly TemporaryDirectory _first = new();
    private readonly TemporaryDirectory _second = new();
    private Uri _server = null!;
    private string _apiKey = null!;

    public async Task InitializeAsync()
    {
        _server = _host.StartOnLoopback();
        var user = await SignedInClient.SignUpAsync(new HttpClient { BaseAddress = _server });
        _apiKey = (await user.JsonAsync(HttpMethod.Post, "/api/identity/api-keys", new { name = "sync" }, HttpStatusCode.Created)).GetProperty("secret").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _first.Dispose();
        _second.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> SyncAsync(string folder, string device, params string[] more) =>
        Cli.RunAsync(["sync", folder, "--server", _server.ToString(), "--api-key", _apiKey, "--device", device, .. more]);

    [Fact]
    public async Task TwoFolders_Converge_AndADryRunChangesNothing()
    {
        await File.WriteAllTextAsync(Path.Combine(_first.Path, "hello.txt"), "hello from the first folder");
        Directory.CreateDirectory(Path.Combine(_first.Path, "docs"));
        await File.WriteAllTextAsync(Path.Combine(_first.Path, "docs", "plan.md"), "# plan");

        var (dryExit, dryRun, _) = await SyncAsync(_first.Path, "one", "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains("upload", dryRun, StringComparison.Ordinal);
        Assert.Contains("docs/plan.md", dryRun, StringComparison.Ordinal);
        var (_, stillToDo, _) = await SyncAsync(_first.Path, "one", "--dry-run");
        Assert.Contains("docs/plan.md", stillToDo, StringComparison.Ordinal);

        var (upExit, up, _) = await SyncAsync(_first.Path, "one", "--once");
        var (downExit, down, _) = await SyncAsync(_second.Path, "two", "--once");

        Assert.Equal((0, 0), (upExit, downExit));
        Assert.Contains("In sync.", up, StringComparison.Ordinal);
        Assert.Contains("download", down, StringComparison.Ordinal);
        Assert.Equal("# plan", await File.ReadAllTextAsync(Path.Combine(_second.Path, "docs", "plan.md")));
        Assert.Equal("hello from the first folder", await File.ReadAllTextAsync(Path.Combine(_second.Path, "hello.txt")));
        var (_, nothing, _) = await SyncAsync(_second.Path, "two", "--dry-run");
        Assert.Contains("nothing to do", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnApiKey_ItSaysWhatIsMissing()
    {
        var (exit, _, error) = await Cli.RunAsync("sync", _first.Path, "--server", _server.ToString());
        Assert.Equal(1, exit);
        Assert.Contains("--api-key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientKilledMidUpload_ConvergesWhenRunAgain()
    {
        var content = new byte[64 * 1024 * 1024];
        new Random(3).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(_first.Path, "big.bin"), content);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(BlueprintCli).Assembly.Location, "sync", _first.Path, "--server", _server.ToString(), "--api-key", _apiKey, "--device", "one", "--once" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var client = Process.Start(start)!;
        var progress = new StringBuilder();
        var uploading = new TaskCompletionSource();
        client.ErrorDataReceived += (_, e) =>
        {
            lock (progress)
            {
                progress.AppendLine(e.Data);
            }

            if (e.Data?.Contains("upload big.bin", StringComparison.Ordinal) == true && !e.Data.Contains("100 %", StringComparison.Ordinal))
            {
                uploading.TrySetResult();
            }
        };
        client.OutputDataReceived += (_, _) => { };
        client.BeginErrorReadLine();
        client.BeginOutputReadLine();

        await uploading.Task.WaitAsync(TimeSpan.FromSeconds(120));
        client.Kill(entireProcessTree: true);
        await client.WaitForExitAsync();

        var (exit, output, error) = await SyncAsync(_first.Path, "one", "--once");
        Assert.True(exit == 0, $"{output}\n{error}\n{progress}");
        var (_, _, _) = await SyncAsync(_second.Path, "two", "--once");
        var synced = await File.ReadAllBytesAsync(Path.Combine(_second.Path, "big.bin"));
        Assert.True(content.AsSpan().SequenceEqual(synced));
    }
}
