using System.CommandLine;
using System.Globalization;
using Blueprint.CloudStorage.Client;

namespace Blueprint.Cli.Commands;

/// <summary>
/// <c>blueprint sync FOLDER</c>: keeps a folder in sync with a namespace of Blueprint.CloudStorage —
/// uploads only changed blocks, pulls remote changes, keeps both sides of a conflict — and then
/// watches: the folder (FileSystemWatcher, plus a periodic rescan) and the server (long polling).
/// Killed at any point, it restarts where its saved state says and converges.
/// </summary>
internal static class SyncCommand
{
    public static Command Create(TextWriter output)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The folder to keep in sync; created if missing." };
        var server = ServerAddress.Option();
        var apiKey = new Option<string>("--api-key") { Description = "An API key (POST /api/identity/api-keys). Default: BLUEPRINT_API_KEY." };
        var ns = new Option<string>("--namespace") { Description = "The namespace: 'root' (your files, the default) or a shared folder's id.", DefaultValueFactory = _ => "root" };
        var device = new Option<string>("--device") { Description = "This device's name, shown in the history and in conflicted copies. Default: the machine's name.", DefaultValueFactory = _ => Environment.MachineName };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what a sync would do, and do nothing." };
        var once = new Option<bool>("--once") { Description = "Sync once and exit, instead of watching." };
        var stats = new Option<bool>("--stats") { Description = "After each sync, print the bytes it put on the wire and took off it (request and status lines, headers, bodies)." };
        var rescan = new Option<int>("--rescan") { Description = "Seconds between full rescans while watching (changes are also noticed at once). Default 60.", DefaultValueFactory = _ => 60 };
        var command = new Command("sync", "Keep a folder in sync with your cloud storage (Blueprint.CloudStorage).") { folder, server, apiKey, ns, device, dryRun, once, stats, rescan };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var wire = parse.GetValue(stats) ? new WireCounter(new HttpClientHandler()) : null;
            using var http = ApiClient.Create(parse.GetValue(server), parse.GetValue(apiKey), error, TimeSpan.FromMinutes(5), wire);
            if (http is null)
            {
                return 1;
            }

            var root = parse.GetValue(folder)!;
            root.Create();
            var files = new DiskFileSystem(root.FullName);
            var remote = new HttpStorageRemote(http, parse.GetValue(ns)!, parse.GetValue(device)!);
            var engine = new SyncEngine(files, remote, new ProgressLines(error));
            try
            {
                if (parse.GetValue(dryRun))
                {
                    var plan = await engine.SyncAsync(dryRun: true, cancellationToken);
                    output.WriteLine(plan.Done.Count == 0 ? "In sync: nothing to do." : $"A sync would do {plan.Done.Count} things:");
                    Print(plan, output);
                    return 0;
                }

                if (parse.GetValue(once))
                {
                    var report = await engine.SyncAsync(cancellationToken: cancellationToken);
                    Print(report, output);
                    if (wire is not null)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wire: {wire.BytesSent} bytes sent, {wire.BytesReceived} bytes received"));
                    }

                    output.WriteLine(report.Converged ? "In sync." : "Not in sync yet: run again.");
                    return report.Converged ? 0 : 2;
                }

                await WatchAsync(engine, files, remote, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(rescan))), output, error, cancellationToken);
                return 0;
            }
            catch (RemoteUnavailableException unavailable)
            {
                error.WriteLine($"The server is unavailable: {unavailable.Message}");
                return 1;
            }
            catch (InvalidOperationException refused)
            {
                error.WriteLine(refused.Message);
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }

    private static async Task WatchAsync(SyncEngine engine, DiskFileSystem files, HttpStorageRemote remote, TimeSpan rescan, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var localChange = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(files.Root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler changed = (_, e) =>
        {
            if (!e.FullPath.Contains(Path.DirectorySeparatorChar + DiskFileSystem.StateFolder, StringComparison.Ordinal))
            {
                localChange.Release();
            }
        };
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (sender, e) => changed(sender, e);
        watcher.EnableRaisingEvents = true;
        output.WriteLine($"Watching {files.Root} (Ctrl-C to stop).");

        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var report = await engine.SyncAsync(cancellationToken: cancellationToken);
                Print(report, output);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (RemoteUnavailableException unavailable)
            {
                error.WriteLine($"The server is unavailable ({unavailable.Message}); trying again in {backoff.TotalSeconds:0} s.");
                await Task.Delay(backoff, TimeProvider.System, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remoteChange = remote.WaitForChangeAsync(engine.State.Cursor, TimeSpan.FromSeconds(60), wait.Token);
            var local = localChange.WaitAsync(wait.Token);
            await Task.WhenAny(remoteChange, local, Task.Delay(rescan, TimeProvider.System, wait.Token));
            await wait.CancelAsync();
            await Task.WhenAll(remoteChange, local).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (local.IsCompletedSuccessfully)
            {
                // Let a burst of writes (an editor saving, a copy in progress) finish before reading them.
                await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System, cancellationToken);
                while (localChange.CurrentCount > 0)
                {
                    await localChange.WaitAsync(cancellationToken);
                }
            }
        }
    }

    private static void Print(SyncReport report, TextWriter output)
    {
        foreach (var action in report.Done)
        {
            output.WriteLine($"  {action}");
        }

        foreach (var skipped in report.Skipped)
        {
            output.WriteLine($"  {skipped}");
        }

        if (report.BytesUploaded + report.BytesDownloaded > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Size(report.BytesUploaded)} of blocks sent, {Size(report.BytesDownloaded)} received."));
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:0.0} MiB"),
    };

    /// <summary>Progress of large transfers as a line every half second, so a long upload is visibly alive.</summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<SyncProgress>
    {
        private const long Large = 4 * 1024 * 1024;
        private long _lastTicks;

        public void Report(SyncProgress value)
        {
            var now = Environment.TickCount64;
            if (value.Total < Large || (now - _lastTicks < 500 && value.Done < value.Total))
            {
                return;
            }

            _lastTicks = now;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Kind} {value.Path}: {100.0 * value.Done / value.Total:0} % of {Size(value.Total)}"));
        }
    }
}
