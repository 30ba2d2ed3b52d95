using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary>
/// <c>blueprint shorten URL</c> and <c>blueprint links</c>: the URL shortener from a script, signed in
/// with an API key (Blueprint.Identity) given by <c>--api-key</c> or <c>BLUEPRINT_API_KEY</c>.
/// </summary>
internal static class LinksCommand
{
    public static IEnumerable<Command> Create(TextWriter output)
    {
        var (server, apiKey) = (Server(), ApiKey());

        var url = new Argument<string>("url") { Description = "The URL to shorten (http or https)." };
        var alias = new Option<string?>("--alias") { Description = "A key of your choosing: 3–32 letters, digits, '-' or '_'." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the link stops working, e.g. 2026-12-31T00:00:00Z." };
        var permanent = new Option<bool>("--permanent") { Description = "Redirect with 301 (cached by browsers for a day) instead of 302." };
        var shorten = new Command("shorten", "Shorten a URL and print the short URL.") { url, alias, expires, permanent, server, apiKey };
        shorten.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var client = ApiClient.Create(parse.GetValue(server), parse.GetValue(apiKey), error, TimeSpan.FromSeconds(30));
            if (client is null)
            {
                return 1;
            }

            return await ServerCall.RunAsync(client, error, async () =>
            {
                using var response = await client.PostAsJsonAsync(new Uri("/api/urls", UriKind.Relative), new { url = parse.GetValue(url), alias = parse.GetValue(alias), expiresAt = parse.GetValue(expires), permanent = parse.GetValue(permanent) }, cancellationToken);
                var body = await ReadAsync(response, error, cancellationToken);
                if (body is not { } link)
                {
                    return 1;
                }

                output.WriteLine(link.GetProperty("shortUrl").GetString());
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    error.WriteLine("You had shortened this URL before: this is its short URL.");
                }

                return 0;
            }, cancellationToken);
        });

        var sort = new Option<string>("--sort") { Description = "desc (newest first, the default) or asc.", DefaultValueFactory = _ => "desc" };
        var limit = new Option<int>("--limit") { Description = "How many links, 1 to 100. Default 20.", DefaultValueFactory = _ => 20 };
        var cursor = new Option<string?>("--cursor") { Description = "Where the page starts: the cursor the previous page ended with ('more: --cursor …')." };
        var json = new Option<bool>("--json") { Description = "Print the page as JSON." };
        var (listServer, listApiKey) = (Server(), ApiKey());
        var links = new Command("links", "List your short links, a page at a time, with their clicks.") { sort, limit, cursor, json, listServer, listApiKey, DeleteCommand() };
        links.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var client = ApiClient.Create(parse.GetValue(listServer), parse.GetValue(listApiKey), error, TimeSpan.FromSeconds(30));
            if (client is null)
            {
                return 1;
            }

            var query = $"/api/urls?sort={Uri.EscapeDataString(parse.GetValue(sort)!)}&limit={parse.GetValue(limit)}"
                + (parse.GetValue(cursor) is { } from ? $"&cursor={Uri.EscapeDataString(from)}" : "");
            return await ServerCall.RunAsync(client, error, async () =>
            {
                using var response = await client.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
                if (await ReadAsync(response, error, cancellationToken) is not { } page)
                {
                    return 1;
                }

                if (parse.GetValue(json))
                {
                    output.WriteLine(page.GetRawText());
                    return 0;
                }

                PrintPage(output, page);
                return 0;
            }, cancellationToken);
        });

        return [shorten, links];
    }

    // Each command gets its own instances: an option belongs to one command.
    private static Option<string> Server() => ServerAddress.Option();

    private static Option<string> ApiKey() => new("--api-key") { Description = "An API key (POST /api/identity/api-keys). Default: BLUEPRINT_API_KEY." };

    private static void PrintPage(TextWriter output, JsonElement page)
    {
        static string When(JsonElement at) => at.GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("key", "short URL", "target", "clicks", "created", "expires");
        table.Columns[3].RightAligned();
        foreach (var link in page.GetProperty("links").EnumerateArray())
        {
            var expiresAt = link.GetProperty("expiresAt");
            var clicks = link.TryGetProperty("clicks", out var counted) && counted.ValueKind == JsonValueKind.Number ? counted.GetInt64().ToString("N0", CultureInfo.InvariantCulture) : "";
            table.AddRow(
                Markup.Escape(link.GetProperty("key").GetString()!),
                Markup.Escape(link.GetProperty("shortUrl").GetString()!),
                Markup.Escape(link.GetProperty("url").GetString()!),
                clicks,
                When(link.GetProperty("createdAt")),
                expiresAt.ValueKind == JsonValueKind.Null ? "never" : (link.GetProperty("expired").GetBoolean() ? "expired " : string.Empty) + When(expiresAt));
        }

        CliConsole.For(output).Write(table);
        if (page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String)
        {
            output.WriteLine($"more: --cursor {next.GetString()}");
        }
    }

    // `blueprint links delete KEY...`: each key deleted on its own, each outcome said; non-zero if any was not.
    private static Command DeleteCommand()
    {
        var keys = new Argument<string[]>("keys") { Description = "The keys of your links to delete.", Arity = ArgumentArity.OneOrMore };
        var (server, apiKey) = (Server(), ApiKey());
        var delete = new Command("delete", "Delete links by key: each answers 410 Gone from then on.") { keys, server, apiKey };
        delete.SetAction(async (parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            using var client = ApiClient.Create(parse.GetValue(server), parse.GetValue(apiKey), error, TimeSpan.FromSeconds(30));
            if (client is null)
            {
                return 1;
            }

            return await ServerCall.RunAsync(client, error, async () =>
            {
                var failed = 0;
                foreach (var key in parse.GetValue(keys)!.Distinct(StringComparer.Ordinal))
                {
                    using var response = await client.DeleteAsync(new Uri($"/api/urls/{Uri.EscapeDataString(key)}", UriKind.Relative), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        output.WriteLine($"deleted {key}");
                        continue;
                    }

                    failed++;
                    error.WriteLine(response.StatusCode == HttpStatusCode.NotFound
                        ? $"{key}: you have no link with this key"
                        : $"{key}: the server refused ({(int)response.StatusCode})");
                }

                return failed == 0 ? 0 : 1;
            }, cancellationToken);
        });
        return delete;
    }

    // The body on success; on failure, the server's reasons on stderr, field by field.
    private static async Task<JsonElement?> ReadAsync(HttpResponseMessage response, TextWriter error, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        var problem = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonDocument.Parse(text).RootElement : default;
        error.WriteLine($"The server refused ({(int)response.StatusCode}): {(problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title) ? title.GetString() : response.ReasonPhrase)}");
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors))
        {
            foreach (var field in errors.EnumerateObject())
            {
                error.WriteLine($"  {field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString()))}");
            }
        }
        else if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail))
        {
            error.WriteLine($"  {detail.GetString()}");
        }

        return null;
    }
}
