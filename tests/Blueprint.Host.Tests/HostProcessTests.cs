using System.Diagnostics;

namespace Blueprint.Host.Tests;

/// <summary>The host as a real process: what a person typing the command sees.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task Start_UnknownModule_ExitsWithStatus2ListingTheValidNames()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Program).Assembly.Location, "--modules", "capacity,telepathy", "--urls", "http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("telepathy", await error);
        Assert.Contains("Valid names: capacity", await error);
    }
}
