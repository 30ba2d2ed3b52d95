using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.UrlShortener.Links;

/// <summary>
/// Domains nobody may link to (003 §8's abuse handling): a file of one domain per line (<c>#</c>
/// starts a comment), named by <c>UrlShortener:Blocklist</c>. A domain blocks its subdomains too.
/// The file is looked at again at most once a second when a link is created, and re-read when it
/// changed, so an edit takes effect without a restart.
/// </summary>
internal sealed partial class DomainBlocklist(IOptions<UrlShortenerOptions> options, ILogger<DomainBlocklist> logger, TimeProvider time)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly string? _path = string.IsNullOrWhiteSpace(options.Value.Blocklist) ? null : Path.GetFullPath(options.Value.Blocklist);
    private readonly Lock _gate = new();
    private HashSet<string> _domains = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private (DateTime, long) _seen;

    /// <summary>The blocked domain that <paramref name="host"/> is or lies under, or null.</summary>
    public string? BlockedDomainOf(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var domains = Current();
        for (var candidate = host.TrimEnd('.'); candidate.Length > 0;)
        {
            if (domains.Contains(candidate))
            {
                return candidate;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            candidate = dot < 0 ? string.Empty : candidate[(dot + 1)..];
        }

        return null;
    }

    private HashSet<string> Current()
    {
        if (_path is null)
        {
            return _domains;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _checkedAt < CheckEvery)
            {
                return _domains;
            }

            _checkedAt = now;
            var file = new FileInfo(_path);
            var seen = file.Exists ? (file.LastWriteTimeUtc, file.Length) : default;
            if (seen == _seen)
            {
                return _domains;
            }

            try
            {
                _domains = new HashSet<string>(
                    File.ReadLines(_path).Select(l => l.Split('#', 2)[0].Trim().TrimEnd('.')).Where(l => l.Length > 0),
                    StringComparer.OrdinalIgnoreCase);
                _seen = seen;
                LogLoaded(logger, _domains.Count, _path);
            }
            catch (IOException error)
            {
                // Missing or mid-write: the list read before stays in force, and the next check tries again.
                LogUnreadable(logger, error, _path);
            }

            return _domains;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "URL shortener: {Count} blocked domains loaded from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "URL shortener: the blocklist {Path} cannot be read; the domains read before stay blocked")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string path);
}
