using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Cli.Load;

/// <summary>
/// The seed's traffic against a running shortener (000 §8.2): <see cref="UrlShortenerLoadOptions.ReadsPerWrite"/>
/// redirects per create, sent open-loop at a fixed rate — request i is due at i / rate, whether or not
/// earlier ones have answered — and timed from when each was due, so a slow server shows up as
/// latency rather than as a politely slower client. Redirects pick a random key among those created;
/// creates are signed in (an API key, or a user registered for the run) and shorten fresh URLs.
/// </summary>
internal sealed class UrlShortenerLoad(UrlShortenerLoadOptions options, TextWriter progress)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _keys = [];
    private readonly Lock _keysLock = new();
    private AuthenticationHeaderValue? _bearer;
    private long _written;

    public async Task<UrlShortenerLoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = options.Connections, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = RequestTimeout };
        await SignInAsync(http, cancellationToken);
        await SeedAsync(http, cancellationToken);

        var reads = new LatencyRecorder();
        var writes = new LatencyRecorder();
        var total = (long)Math.Ceiling(options.Rate * options.Duration.TotalSeconds);
        var ticksPerRequest = Stopwatch.Frequency / options.Rate;
        using var inFlight = new SemaphoreSlim(options.Connections);
        var running = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var nextProgress = 1;
        for (long i = 0; i < total;)
        {
            var elapsedTicks = Stopwatch.GetTimestamp() - start;
            for (var due = (long)Math.Min(total, elapsedTicks / ticksPerRequest + 1); i < due; i++)
            {
                var dueAt = start + (long)(i * ticksPerRequest);
                await inFlight.WaitAsync(cancellationToken);
                var isWrite = i % (options.ReadsPerWrite + 1) == 0;
                running.Add(SendAsync(http, isWrite, isWrite ? writes : reads, dueAt, inFlight, cancellationToken));
            }

            if (Stopwatch.GetElapsedTime(start).TotalSeconds >= nextProgress)
            {
                Report(nextProgress++, reads, writes);
                running.RemoveAll(t => t.IsCompleted);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, cancellationToken);
        }

        await Task.WhenAll(running);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var (readReport, writeReport) = (reads.Report(elapsed), writes.Report(elapsed));
        return new UrlShortenerLoadReport(options.Rate, Math.Round(elapsed.TotalSeconds, 2), Math.Round((readReport.Succeeded + writeReport.Succeeded) / elapsed.TotalSeconds, 1), readReport, writeReport);
    }

    private void Report(int second, LatencyRecorder reads, LatencyRecorder writes) =>
        progress.WriteLine($"{second,4} s  {reads.Count + writes.Count,9:N0} sent  redirects p99 {reads.Percentile(99),7:F2} ms  creates p99 {writes.Percentile(99),7:F2} ms");

    private async Task SendAsync(HttpClient http, bool write, LatencyRecorder recorder, long dueAt, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        string? failure;
        try
        {
            failure = write ? await CreateAsync(http, cancellationToken) : await FollowAsync(http, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timeout";
        }
        catch (HttpRequestException error)
        {
            failure = error.HttpRequestError.ToString();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // An answer the run cannot read (a 201 without a key…) is a failure of that request, not of the run.
            failure = error.GetType().Name;
        }
        finally
        {
            inFlight.Release();
        }

        recorder.Record(dueAt, failure);
    }

    private async Task<string?> FollowAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string key;
        lock (_keysLock)
        {
            key = _keys[Random.Shared.Next(_keys.Count)];
        }

        using var response = await http.GetAsync(new Uri(key, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // A fresh URL each time, so every create is a create; the new key joins those redirects pick from.
    private async Task<string?> CreateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/urls")
        {
            Content = JsonContent.Create(new { url = $"https://load.example/{_run}/{Interlocked.Increment(ref _written)}" }),
        };
        Authorize(request);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var key = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetString()!;
        lock (_keysLock)
        {
            _keys.Add(key);
        }

        return null;
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (options.ApiKey is { } apiKey)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        else
        {
            request.Headers.Authorization = _bearer;
        }
    }

    // Without an API key, the run registers a user of its own and logs in.
    private async Task SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (options.ApiKey is not null)
        {
            return;
        }

        var account = new { email = $"load-{_run}@load.example", password = $"Load-{_run}-9!" };
        progress.WriteLine($"Creating links as a throwaway account, {account.email} (pass --api-key to create them as yourself).");
        using var registered = await http.PostAsJsonAsync("api/identity/register", account, cancellationToken);
        await LoadFailedException.ThrowUnlessAsync(registered, "registering a user for the run", cancellationToken);
        using var login = await http.PostAsJsonAsync("api/identity/login", account, cancellationToken);
        await LoadFailedException.ThrowUnlessAsync(login, "logging in", cancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        _bearer = new AuthenticationHeaderValue("Bearer", token);
    }

    // Links for the first redirects to follow, created before the clock starts.
    private async Task SeedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        await Parallel.ForAsync(0, options.SeedLinks, new ParallelOptions { MaxDegreeOfParallelism = options.Connections, CancellationToken = cancellationToken }, async (_, token) =>
        {
            if (await CreateAsync(http, token) is { } failure)
            {
                lock (failures)
                {
                    failures.Add(failure);
                }
            }
        });
        if (_keys.Count == 0)
        {
            throw new LoadFailedException($"No link could be created before the run ({string.Join(", ", failures.Distinct())}); is the url-shortener module running there?");
        }

        progress.WriteLine($"   0 s  {_keys.Count:N0} links created to start from; sending {options.Rate:N0} requests/s for {options.Duration.TotalSeconds:N0} s, {options.ReadsPerWrite} redirects per create");
    }
}
