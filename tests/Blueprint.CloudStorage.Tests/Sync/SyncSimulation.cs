using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Blueprint.CloudStorage.Client;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// One seeded run: two or three simulated clients of one namespace on the real server, with random
/// edits, renames, deletes, empty folders made and folders removed with what is in them, syncs that
/// lose requests and responses, and crashes at any operation. Then the faults stop, every client
/// syncs until quiet, and the run checks that all trees — files and folders — are the server's tree
/// and that every content a client had when a sync of it completed is on the server.
/// Every random choice comes from the seed, so a failing seed replays exactly.
/// </summary>
internal sealed class SyncSimulation(Func<HttpClient> newHttp, int seed)
{
    private const int Steps = 40;
    private static readonly string[] Names = ["a.txt", "A.txt", "b.bin", "c.md", "docs/d.txt", "docs/e.txt", "x/y/z.txt"];
    private static readonly string[] FolderNames = ["docs", "empty", "x/y", "x/w/v"];

    private readonly Random _random = new(seed);
    private readonly List<string> _log = [];
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);

    public async Task<string?> RunAsync()
    {
        var http = await SignedInHttpAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clients = Enumerable.Range(0, _random.Next(2, 4)).Select(i => new SimulatedClient($"dev{i}", http, clock, _random)).ToList();
        for (var step = 0; step < Steps; step++)
        {
            var client = clients[_random.Next(clients.Count)];
            var roll = _random.Next(100);
            if (roll < 30)
            {
                Edit(client);
            }
            else if (roll < 38)
            {
                Delete(client);
            }
            else if (roll < 46)
            {
                Rename(client);
            }
            else if (roll < 50)
            {
                MakeFolder(client);
            }
            else if (roll < 53)
            {
                DeleteFolder(client);
            }
            else if (roll < 92)
            {
                await SyncAsync(client, faulty: true);
            }
            else
            {
                _log.Add($"{client.Name}: restart");
                client.Restart();
            }
        }

        for (var round = 0; round < 6; round++)
        {
            var quiet = true;
            foreach (var client in clients)
            {
                var report = await SyncAsync(client, faulty: false);
                quiet &= report is { Converged: true, Done.Count: 0 };
            }

            if (quiet)
            {
                return await CheckAsync(clients, http);
            }
        }

        return Failure("the clients did not settle in 6 rounds of faultless syncs");
    }

    private async Task<SyncReport?> SyncAsync(SimulatedClient client, bool faulty)
    {
        var before = client.Files.Snapshot().Values.Select(Hash).ToList();
        try
        {
            var report = await client.SyncAsync(faulty);
            _log.Add($"{client.Name}: sync{(faulty ? " (faulty)" : "")} → {(report.Converged ? "converged" : "not converged")}; {string.Join("; ", report.Done.Select(d => d.ToString().Trim()))}{(report.Skipped.Count > 0 ? " | skipped: " + string.Join("; ", report.Skipped) : "")}");
            if (report.Converged)
            {
                _acknowledged.UnionWith(before);
            }

            return report;
        }
        catch (Exception failure) when (failure is SimulatedCrash or RemoteUnavailableException)
        {
            _log.Add($"{client.Name}: sync interrupted: {failure.Message}");
            if (failure is SimulatedCrash)
            {
                client.Restart();
            }

            return null;
        }
    }

    private void Edit(SimulatedClient client)
    {
        var name = Names[_random.Next(Names.Length)];
        // A user of a case-insensitive folder edits the file that is there under another case.
        name = client.Files.Paths.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) ?? name;
        var old = client.Files.Paths.Contains(name) ? client.Files.Read(name) : [];
        byte[] content;
        if (old.Length > 0 && _random.Next(2) == 0)
        {
            var insert = new byte[_random.Next(1, 50)];
            _random.NextBytes(insert);
            var at = _random.Next(old.Length);
            content = [.. old.AsSpan(0, at), .. insert, .. old.AsSpan(at)];
        }
        else
        {
            content = new byte[_random.Next(0, 40_000)];
            _random.NextBytes(content);
        }

        client.Files.UserWrite(name, content);
        _log.Add($"{client.Name}: write {name} ({content.Length} bytes, {Hash(content)[..8]})");
    }

    private void Delete(SimulatedClient client)
    {
        if (PickOne(client.Files.Paths) is { } path)
        {
            client.Files.UserDelete(path);
            _log.Add($"{client.Name}: delete {path}");
        }
    }

    private void MakeFolder(SimulatedClient client)
    {
        var name = FolderNames[_random.Next(FolderNames.Length)];
        if (client.Files.UserMakeFolder(name))
        {
            _log.Add($"{client.Name}: mkdir {name}");
        }
    }

    private void DeleteFolder(SimulatedClient client)
    {
        if (PickOne(client.Files.Folders) is { } folder)
        {
            client.Files.UserDeleteFolder(folder);
            _log.Add($"{client.Name}: rm -rf {folder}");
        }
    }

    private void Rename(SimulatedClient client)
    {
        if (PickOne(client.Files.Paths) is not { } from)
        {
            return;
        }

        var to = Names[_random.Next(Names.Length)];
        var clash = client.Files.Paths.Any(p => p != from && string.Equals(p, to, StringComparison.OrdinalIgnoreCase));
        if (!clash && client.Files.UserMove(from, to))
        {
            _log.Add($"{client.Name}: rename {from} → {to}");
        }
    }

    // One of the items, chosen by the seed; null (and no draw) when there are none.
    private string? PickOne(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list[_random.Next(list.Count)];
    }

    private async Task<string?> CheckAsync(List<SimulatedClient> clients, HttpClient http)
    {
        var trees = clients.Select(c => c.Files.Snapshot()).ToList();
        var folders = clients.Select(c => string.Join(", ", c.Files.Folders)).ToList();
        for (var i = 1; i < trees.Count; i++)
        {
            if (!Same(trees[0], trees[i]) || folders[0] != folders[i])
            {
                return Failure($"{clients[0].Name} has [{Describe(trees[0])}] and folders [{folders[0]}] but {clients[i].Name} has [{Describe(trees[i])}] and folders [{folders[i]}]\nbases: {string.Join(" | ", clients.Select(c => c.Name + ": " + c.Base))}");
            }
        }

        var listing = await http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/folder?recursive=true", UriKind.Relative));
        var serverFolders = string.Join(", ", listing.GetProperty("folders").EnumerateArray().Select(f => f.GetString()!).Order(StringComparer.Ordinal));
        if (serverFolders != folders[0])
        {
            return Failure($"the server has folders [{serverFolders}] but the clients have [{folders[0]}]");
        }

        var server = listing.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("contentHash").GetString()!, StringComparer.Ordinal);
        var local = trees[0].ToDictionary(f => f.Key, f => Hash(f.Value), StringComparer.Ordinal);
        if (!server.OrderBy(f => f.Key, StringComparer.Ordinal).SequenceEqual(local.OrderBy(f => f.Key, StringComparer.Ordinal)))
        {
            return Failure($"the server has [{string.Join(", ", server.Select(f => $"{f.Key}={f.Value[..8]}"))}] but the clients have [{Describe(trees[0])}]");
        }

        var versions = await ServerContentAsync(http);
        var lost = _acknowledged.Where(h => !versions.Contains(h)).ToList();
        return lost.Count > 0 ? Failure($"acknowledged content lost: {string.Join(", ", lost.Select(h => h[..8]))}") : null;
    }

    // Every content hash any version of any file ever had, live or in the trash.
    private static async Task<HashSet<string>> ServerContentAsync(HttpClient http)
    {
        var ids = (await http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/folder?recursive=true", UriKind.Relative))).GetProperty("files").EnumerateArray()
            .Concat((await http.GetFromJsonAsync<JsonElement>(new Uri("api/storage/ns/root/trash", UriKind.Relative))).EnumerateArray())
            .Select(f => f.GetProperty("id").GetString()!);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var versions = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/storage/ns/root/files/versions?fileId={id}", UriKind.Relative));
            hashes.UnionWith(versions.EnumerateArray().Select(v => v.GetProperty("contentHash").GetString()!));
        }

        return hashes;
    }

    private async Task<HttpClient> SignedInHttpAsync()
    {
        var http = newHttp();
        var email = $"sim-{seed}-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync(new Uri("/api/identity/register", UriKind.Relative), new { email, password = "Correct-horse-9" })).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync(new Uri("/api/identity/login", UriKind.Relative), new { email, password = "Correct-horse-9" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private string Failure(string what) =>
        new StringBuilder($"seed {seed}: {what}\n").AppendJoin('\n', _log.TakeLast(80)).ToString();

    private static bool Same(IReadOnlyDictionary<string, byte[]> a, IReadOnlyDictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var other) && other.AsSpan().SequenceEqual(f.Value));

    private static string Describe(IReadOnlyDictionary<string, byte[]> tree) => string.Join(", ", tree.Select(f => $"{f.Key}={Hash(f.Value)[..8]}"));

    internal static string Hash(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return FileBlocks.ReadAsync(stream, content.Length, CancellationToken.None).GetAwaiter().GetResult().ContentHash;
    }

    /// <summary>A device: its folder (which survives crashes) and its engine (which does not).</summary>
    private sealed class SimulatedClient
    {
        private readonly FaultyRemote _remote;
        private readonly FakeTimeProvider _clock;
        private readonly Random _random;
        private bool _faulty;
        private SyncEngine _engine;

        public SimulatedClient(string name, HttpClient http, FakeTimeProvider clock, Random random)
        {
            Name = name;
            _clock = clock;
            _random = random;
            Files = new MemoryFileSystem(clock) { BeforeOperation = _ => MaybeCrash() };
            _remote = new FaultyRemote(new HttpStorageRemote(http, "root", name), random);
            _engine = NewEngine();
        }

        public string Name { get; }

        public MemoryFileSystem Files { get; }

        public async Task<SyncReport> SyncAsync(bool faulty)
        {
            (_faulty, _remote.LossRate, _remote.CrashRate) = (faulty, faulty ? 0.1 : 0, faulty ? 0.04 : 0);
            try
            {
                return await _engine.SyncAsync();
            }
            finally
            {
                (_faulty, _remote.LossRate, _remote.CrashRate) = (false, 0, 0);
            }
        }

        public void Restart() => _engine = NewEngine();

        public string Base => $"cursor {_engine.State.Cursor}: " + string.Join(", ", _engine.State.Files.Values.Select(f => $"{f.Path}={(f.Folder ? "folder" : f.ContentHash[..8])}@{f.Version[^6..]}"));

        private SyncEngine NewEngine() => new(Files, _remote);

        private void MaybeCrash()
        {
            if (_faulty && _random.NextDouble() < 0.02)
            {
                throw new SimulatedCrash();
            }
        }
    }
}
