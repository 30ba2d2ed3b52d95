using System.Net;

namespace Blueprint.UrlShortener.Tests;

/// <summary>Three host processes creating links at once against one PostgreSQL: under every key design, no key is issued twice.</summary>
public sealed class KeyUniquenessClusterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("unique-id")]
    [InlineData("key-ranges")]
    [InlineData("hash")]
    public async Task ThreeHostsCreatingAtOnce_NeverIssueAKeyTwice(string design)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = RealEngines.Postgres,
            // Snowflake worker ids are leased from the shared store: without it every host would be worker 0.
            ["ConnectionStrings:Redis"] = RealEngines.Redis,
            ["UrlShortener:KeyDesign"] = design,
            ["Blueprint:Modules"] = "identity,url-shortener",
        };
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => HostProcess.StartAsync(Path.Combine(_directory.Path, $"{design}-{i}"), settings)));
        try
        {
            var clients = hosts.Select(h => new HttpClient { BaseAddress = h.Address, Timeout = TimeSpan.FromSeconds(30) }).ToList();
            var users = await Task.WhenAll(clients.Select(c => SignedInClient.SignUpAsync(c)));
            // 3 hosts × 8 writers × 25 links, every URL different, all at once.
            var keys = await Task.WhenAll(Enumerable.Range(0, 24).Select(writer => Task.Run(async () =>
            {
                var made = new List<string>();
                for (var i = 0; i < 25; i++)
                {
                    var link = await users[writer % 3].JsonAsync(HttpMethod.Post, "/api/urls", new { url = $"https://example.com/{design}/{writer}/{i}" }, HttpStatusCode.Created);
                    made.Add(link.GetProperty("key").GetString()!);
                }

                return made;
            })));

            var all = keys.SelectMany(k => k).ToList();
            Assert.Equal(600, all.Count);
            Assert.Equal(600, all.Distinct(StringComparer.Ordinal).Count());
            // Every key redirects to its own URL, whichever host serves it.
            using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = hosts[2].Address };
            using var redirect = await visitor.GetAsync(new Uri($"/{keys[0][0]}", UriKind.Relative));
            Assert.Equal($"https://example.com/{design}/0/0", redirect.Headers.Location?.ToString());
            clients.ForEach(c => c.Dispose());
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }
}
