using System.Reflection;
using System.Text.RegularExpressions;

namespace Blueprint.Infrastructure.Relational;

/// <summary>
/// Loads a module's migrations from embedded resources named <c>migrations/NNN_name.sql</c>, with
/// optional <c>NNN_name.postgres.sql</c> and <c>NNN_name.sqlite.sql</c> variants. A module's csproj
/// embeds them with <c>&lt;EmbeddedResource Include="Migrations/*.sql" LogicalName="migrations/%(Filename)%(Extension)" /&gt;</c>.
/// </summary>
public static partial class SqlMigrations
{
    private const string Prefix = "migrations/";

    /// <summary>Every migration embedded in <paramref name="assembly"/>, ordered by version.</summary>
    public static IReadOnlyList<SqlMigration> FromEmbeddedResources(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new Dictionary<(int Version, string Name), Dictionary<string, string>>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource[Prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNN_name[.postgres|.sqlite].sql.");
            }

            var key = (int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value);
            var variant = match.Groups["engine"].Success ? match.Groups["engine"].Value : "";
            if (!scripts.TryGetValue(key, out var variants))
            {
                scripts[key] = variants = [];
            }

            variants[variant] = ReadResource(assembly, resource);
        }

        var migrations = scripts
            .OrderBy(s => s.Key.Version)
            .Select(s => new SqlMigration(
                s.Key.Version,
                s.Key.Name,
                s.Value.GetValueOrDefault("") ?? throw new InvalidOperationException($"Migration {s.Key.Version} has engine variants but no portable {s.Key.Version:000}_{s.Key.Name}.sql."),
                s.Value.GetValueOrDefault("postgres"),
                s.Value.GetValueOrDefault("sqlite")))
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? migrations
            : throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d+)_(?<name>[A-Za-z0-9_]+?)(\.(?<engine>postgres|sqlite))?\.sql$")]
    private static partial Regex ScriptName();
}
