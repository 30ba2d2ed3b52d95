using Blueprint.UrlShortener.Storage;
using Dapper;

namespace Blueprint.UrlShortener.Analytics;

/// <summary>One day: clicks and distinct visitors.</summary>
public sealed record DayStats(string Day, long Clicks, long UniqueVisitors);

/// <summary>Clicks by one referrer host or browser family.</summary>
public sealed record CountBy(string Name, long Clicks);

/// <summary>Reads the aggregates <see cref="ClickAggregator"/> keeps.</summary>
internal sealed class ClickStats(LinkDatabase database)
{
    public async Task<LinkStats> ForAsync(string key, DateOnly from, DateOnly to, bool excludeBots, CancellationToken cancellationToken)
    {
        var filter = new { Key = key, From = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), MaxBot = excludeBots ? 0 : 1 };
        const string Where = "link_key = @Key AND day >= @From AND day <= @To AND bot <= @MaxBot";
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var clicks = (await connection.QueryAsync<(string Day, long Clicks)>(new CommandDefinition(
            $"SELECT day, CAST(SUM(clicks) AS BIGINT) FROM click_daily WHERE {Where} GROUP BY day ORDER BY day", filter, cancellationToken: cancellationToken))).ToDictionary(d => d.Day, d => d.Clicks);
        var visitors = (await connection.QueryAsync<(string Day, long Visitors)>(new CommandDefinition(
            $"SELECT day, COUNT(DISTINCT visitor) FROM click_visitors WHERE {Where} GROUP BY day", filter, cancellationToken: cancellationToken))).ToDictionary(d => d.Day, d => d.Visitors);
        var referrers = await connection.QueryAsync<(string Name, long Clicks)>(new CommandDefinition(
            $"SELECT host, CAST(SUM(clicks) AS BIGINT) AS total FROM click_referrers WHERE {Where} GROUP BY host ORDER BY total DESC, host LIMIT 20", filter, cancellationToken: cancellationToken));
        var agents = await connection.QueryAsync<(string Name, long Clicks)>(new CommandDefinition(
            $"SELECT family, CAST(SUM(clicks) AS BIGINT) AS total FROM click_agents WHERE {Where} GROUP BY family ORDER BY total DESC, family LIMIT 20", filter, cancellationToken: cancellationToken));
        return new LinkStats(
            key,
            from,
            to,
            excludeBots,
            clicks.Values.Sum(),
            [.. clicks.Select(c => new DayStats(c.Key, c.Value, visitors.GetValueOrDefault(c.Key)))],
            [.. referrers.Select(r => new CountBy(r.Name, r.Clicks))],
            [.. agents.Select(a => new CountBy(a.Name, a.Clicks))]);
    }
}
