using System.IO.Hashing;
using Microsoft.Extensions.Logging;

namespace Blueprint.RateLimiting.Rules;

/// <summary>
/// The rules in force, read from a file and re-read when it changes, without a restart. A file
/// that does not parse is refused with its problems logged and shown, and the last good rules stay
/// in force. Changes are found by a file watcher and, because watchers miss events on some file
/// systems (bind mounts, swapped symlinks), by a check every second as well.
/// </summary>
public sealed partial class RateLimitRuleSource : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _timer;
    private (DateTime Written, long Length) _seen;
    private ulong _contentHash;
    private volatile RateLimitRuleSet _current = RateLimitRuleSet.Empty;

    /// <summary>Loads <paramref name="path"/> (null: no rules) and, when <paramref name="watch"/>, follows its changes.</summary>
    public RateLimitRuleSource(string? path, ILogger<RateLimitRuleSource> logger, TimeProvider? time = null, bool watch = true)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Path = string.IsNullOrWhiteSpace(path) ? null : System.IO.Path.GetFullPath(path);
        if (Path is null)
        {
            return;
        }

        CheckForChanges();
        if (!watch)
        {
            return;
        }

        _timer = _time.CreateTimer(_ => CheckForChanges(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, System.IO.Path.GetFileName(Path)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
            _watcher.Changed += (_, _) => CheckForChanges();
            _watcher.Created += (_, _) => CheckForChanges();
            _watcher.Renamed += (_, _) => CheckForChanges();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The rules file, or null when none is configured.</summary>
    public string? Path { get; }

    /// <summary>The rules in force.</summary>
    public RateLimitRuleSet Current => _current;

    /// <summary>How many times good rules were loaded; 0 until the first.</summary>
    public int Version { get; private set; }

    /// <summary>When the rules in force were loaded.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Why the file's latest content was refused; empty when it is in force.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Reads the file if it changed since it was last read; returns true when new rules came into force.</summary>
    public bool CheckForChanges()
    {
        if (Path is null)
        {
            return false;
        }

        lock (_gate)
        {
            var info = new FileInfo(Path);
            if (!info.Exists)
            {
                return Refuse([$"{Path}: the rules file does not exist."], default, 0);
            }

            var seen = (info.LastWriteTimeUtc, info.Length);
            if (seen == _seen)
            {
                return false;
            }

            string text;
            try
            {
                text = File.ReadAllText(Path);
            }
            catch (IOException error)
            {
                // Caught mid-write or locked: the next check reads it again.
                LogUnreadable(_logger, error, Path);
                return false;
            }

            var hash = XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text));
            if (hash == _contentHash && Problems.Count == 0 && Version > 0)
            {
                _seen = seen;
                return false;
            }

            try
            {
                var rules = RuleFileParser.Parse(text, Path);
                _current = rules;
                _seen = seen;
                _contentHash = hash;
                Problems = [];
                Version++;
                LoadedAt = _time.GetUtcNow();
                var count = rules.Rules.Count();
                LogLoaded(_logger, Path, count, rules.Domain);
                return true;
            }
            catch (RuleFileException error)
            {
                return Refuse(error.Problems, seen, hash);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _timer?.Dispose();
    }

    private bool Refuse(IReadOnlyList<string> problems, (DateTime, long) seen, ulong hash)
    {
        if (seen == _seen && hash == _contentHash && Problems.Count > 0)
        {
            return false;
        }

        _seen = seen;
        _contentHash = hash;
        Problems = problems;
        LogRefused(_logger, Path!, Version > 0 ? "the rules loaded before stay in force" : "no rules are in force", string.Join(Environment.NewLine, problems));
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate-limit rules loaded from {Path}: {Rules} rules in domain {Domain}")]
    private static partial void LogLoaded(ILogger logger, string path, int rules, string domain);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rate-limit rules in {Path} refused; {Consequence}:\n{Problems}")]
    private static partial void LogRefused(ILogger logger, string path, string consequence, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit rules in {Path} could not be read; trying again")]
    private static partial void LogUnreadable(ILogger logger, Exception error, string path);
}
