using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Blueprint.Host.Tests;

/// <summary>Which engine serves each port follows the configuration; a bad setting is reported, never a crash.</summary>
public sealed class BackendConfigurationTests
{
    private static async Task<JsonElement> ReadyAsync(BlueprintFactory factory, HttpStatusCode expected)
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("backends");
    }

    [Fact]
    public async Task RealEnginesConfigured_EveryPortUsesItsRealEngineAndIsHealthy()
    {
        using var factory = new BlueprintFactory(RealEngineSettings.Postgres().WithRedis().WithRabbitMq().WithS3());

        var backends = await ReadyAsync(factory, HttpStatusCode.OK);

        Assert.Equal("PostgreSQL", backends.GetProperty("relational").GetProperty("engine").GetString());
        Assert.Equal("Redis", backends.GetProperty("cache").GetProperty("engine").GetString());
        Assert.Equal("RabbitMQ", backends.GetProperty("messaging").GetProperty("engine").GetString());
        Assert.Equal("S3", backends.GetProperty("blobs").GetProperty("engine").GetString());
        Assert.All(backends.EnumerateObject(), b => Assert.Equal("Healthy", b.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task MalformedPostgresConnectionString_ReadySaysWhichSettingAndTheHostStillServes()
    {
        using var factory = new BlueprintFactory(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;NotAKeyword=oops" });

        var backends = await ReadyAsync(factory, HttpStatusCode.ServiceUnavailable);

        var relational = backends.GetProperty("relational");
        Assert.Equal("Unhealthy", relational.GetProperty("status").GetString());
        Assert.Contains("ConnectionStrings:Postgres", relational.GetProperty("description").GetString());
        Assert.Equal("Healthy", backends.GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task MalformedPostgresConnectionString_ARequestNeedingItIs503NamingTheSetting()
    {
        using var factory = new BlueprintFactory(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;NotAKeyword=oops" });

        var response = await factory.CreateClient().PostAsJsonAsync(
            new Uri("/api/identity/register", UriKind.Relative), new { email = "someone@example.com", password = "Correct-horse-9" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ConnectionStrings:Postgres", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnreachableRedis_LogsOneClearLineAndReadySaysWhich()
    {
        using var factory = new BlueprintFactory(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500" });

        var backends = await ReadyAsync(factory, HttpStatusCode.ServiceUnavailable);

        var cache = backends.GetProperty("cache");
        Assert.Equal("Redis", cache.GetProperty("engine").GetString());
        Assert.Contains("ConnectionStrings:Redis", cache.GetProperty("description").GetString());
        await Poll.UntilAsync(() => factory.Logs.Any(l => l.Level == LogLevel.Error && l.Message.Contains("ConnectionStrings:Redis", StringComparison.Ordinal)));
        Assert.Single(factory.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith("Port cache unavailable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ConnectionStrings:RabbitMq", "not a uri", "messaging")]
    [InlineData("Blobs:S3:ServiceUrl", "ftp://example", "blobs")]
    public async Task MalformedSetting_ReadyNamesTheSetting(string setting, string value, string port)
    {
        using var factory = new BlueprintFactory(new() { [setting] = value });

        var backends = await ReadyAsync(factory, HttpStatusCode.ServiceUnavailable);

        Assert.Contains(setting, backends.GetProperty(port).GetProperty("description").GetString());
    }
}
