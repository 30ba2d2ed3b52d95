using System.Buffers;
using System.Text;
using System.Text.Json;
using Blueprint.Infrastructure.Relational;
using Dapper;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// Many rows of (hash, numbers…) bound as one parameter and read as a table, so thousands of block
/// rows go in with one statement: PostgreSQL unnests parallel arrays, SQLite walks a JSON array.
/// One statement text for any count also keeps Dapper's and the engines' statement caches small,
/// where a VALUES list per count would fill them.
/// </summary>
internal static class HashRows
{
    /// <summary>
    /// A FROM source named <c>r</c> with columns <c>i</c> (0-based position), <c>hash</c> and
    /// <c>n1</c>…<c>nK</c> for <paramref name="numberColumns"/> = K, over the rows bound by <see cref="Bind"/>.
    /// </summary>
    public static string Source(SqlEngine engine, int numberColumns)
    {
        var numbers = Enumerable.Range(1, numberColumns).ToList();
        var named = string.Concat(numbers.Select(n => $", n{n}"));
        return engine == SqlEngine.PostgreSql
            ? $"(SELECT ordinal - 1 AS i, hash{named} FROM unnest(@RowHashes{string.Concat(numbers.Select(n => $", @RowNumbers{n}"))}) WITH ORDINALITY AS u(hash{named}, ordinal)) AS r"
            : $"(SELECT CAST(j.key AS INTEGER) AS i, json_extract(j.value, '$[0]') AS hash{string.Concat(numbers.Select(n => $", json_extract(j.value, '$[{n}]') AS n{n}"))} FROM json_each(@Rows) AS j) AS r";
    }

    /// <summary>Binds <paramref name="hashes"/> with one list of numbers per number column (all as long as the hashes).</summary>
    public static void Bind(SqlEngine engine, DynamicParameters parameters, IReadOnlyList<string> hashes, params IReadOnlyList<long>[] numbers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (numbers.Any(column => column.Count != hashes.Count))
        {
            throw new ArgumentException("Every number column has one value per hash.", nameof(numbers));
        }

        if (engine == SqlEngine.PostgreSql)
        {
            parameters.Add("RowHashes", hashes.ToArray());
            for (var n = 0; n < numbers.Length; n++)
            {
                parameters.Add($"RowNumbers{n + 1}", numbers[n].ToArray());
            }

            return;
        }

        var json = new ArrayBufferWriter<byte>(2 + (hashes.Count * (80 + (numbers.Length * 12))));
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            for (var i = 0; i < hashes.Count; i++)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(hashes[i]);
                foreach (var column in numbers)
                {
                    writer.WriteNumberValue(column[i]);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        parameters.Add("Rows", Encoding.UTF8.GetString(json.WrittenSpan));
    }
}
