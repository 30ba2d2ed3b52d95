namespace Blueprint.Testing.Engines;

/// <summary>
/// Where the real engines of this test run listen. ./test.sh starts them on loopback and exports
/// these variables; a test that needs one that is missing fails with the command to start it,
/// never skips, so a green run always means the real engines were exercised.
/// </summary>
public static class RealEngines
{
    public static string Postgres => Require("BLUEPRINT_TEST_POSTGRES", "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");

    public static string Redis => Require("BLUEPRINT_TEST_REDIS", "127.0.0.1:6379");

    public static string RabbitMq => Require("BLUEPRINT_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/");

    public static string S3 => Require("BLUEPRINT_TEST_S3", "http://127.0.0.1:4569");

    /// <summary>The access key s3rver, the test S3, accepts (its secret key is the same).</summary>
    public const string S3AccessKey = "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public const string S3SecretKey = "S3RVER";

    /// <summary>
    /// A database of its own on the test PostgreSQL, for a test whose fake clock or sweeping work must
    /// not reach the rows other test classes keep in the shared database.
    /// </summary>
    public static string FreshPostgresDatabase()
    {
        var name = $"t_{Guid.NewGuid():N}";
        using (var connection = new Npgsql.NpgsqlConnection(Postgres))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    private static string Require(string variable, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./test.sh, which starts every engine on loopback, " +
                $"or start the engine yourself and export {variable}=\"{example}\".");
}
