using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Host.Tests;

/// <summary>The host on its embedded defaults: dashboard, health, OpenAPI, metrics, ProblemDetails.</summary>
public sealed class HostTests : IClassFixture<EmbeddedBlueprint>
{
    private readonly HttpClient _client;

    public HostTests(EmbeddedBlueprint factory) => _client = factory.CreateClient();

    [Fact]
    public async Task Root_ServesTheDashboardPage()
    {
        var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_ListsEverySystemWithItsState_AndEmbeddedBackendsHealthy()
    {
        using var state = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/dashboard", UriKind.Relative)));
        var systems = state.RootElement.GetProperty("systems").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var backends = state.RootElement.GetProperty("backends").EnumerateArray().ToList();

        Assert.Equal(Catalog.SystemCatalog.All.Count, systems.Count);
        Assert.Equal("working", systems["capacity"].GetProperty("state").GetString());
        Assert.Equal("/capacity", systems["capacity"].GetProperty("page").GetString());
        Assert.Equal("/api#tag/capacity", systems["capacity"].GetProperty("api").GetString());
        Assert.Equal("working", systems["url-shortener"].GetProperty("state").GetString());
        Assert.Equal("not built yet", systems["key-value"].GetProperty("state").GetString());
        Assert.Equal(["relational", "cache", "messaging", "blobs"], backends.Select(b => b.GetProperty("port").GetString()));
        Assert.All(backends, b => Assert.Equal("Healthy", b.GetProperty("health").GetString()));
        Assert.All(backends, b => Assert.True(b.GetProperty("embedded").GetBoolean()));
    }

    [Fact]
    public async Task HealthLive_Answers200()
    {
        var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_ReportsEachBackendWithItsEngine()
    {
        var response = await _client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backends = report.RootElement.GetProperty("backends");
        Assert.Equal("SQLite", backends.GetProperty("relational").GetProperty("engine").GetString());
        Assert.Equal("in-process", backends.GetProperty("cache").GetProperty("engine").GetString());
        Assert.Equal("in-process", backends.GetProperty("messaging").GetProperty("engine").GetString());
        Assert.Equal("file system", backends.GetProperty("blobs").GetProperty("engine").GetString());
    }

    [Fact]
    public async Task UnknownRoute_IsAProblemDetails404()
    {
        var response = await _client.GetAsync(new Uri("/no/such/thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MalformedJson_IsAProblemDetails400SayingWhy()
    {
        using var body = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/capacity/estimate", UriKind.Relative), body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheModulesEndpoints()
    {
        var document = await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/capacity/estimate", document);
        Assert.Contains("/api/dashboard", document);
    }

    [Fact]
    public async Task OpenApi_HasATitleAndIntroduction_AndDeclaresBothWaysToSignIn_OnTheOperationsThatNeedThem()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        static string[] Security(JsonElement operation) =>
            operation.TryGetProperty("security", out var security) ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))] : [];
        var paths = document.GetProperty("paths");

        Assert.Equal("Blueprint API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("X-Api-Key", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal(["Bearer", "ApiKey"], Security(paths.GetProperty("/api/urls").GetProperty("post")));
        Assert.Equal(["Bearer", "ApiKey"], Security(paths.GetProperty("/api/todo/lists").GetProperty("get")));
        Assert.Empty(Security(paths.GetProperty("/api/capacity/estimate").GetProperty("post")));
        Assert.Empty(Security(paths.GetProperty("/api/identity/register").GetProperty("post")));
    }

    [Fact]
    public async Task OpenApi_RequestFields_AreRequiredOnlyWithoutADefault_AndNullOnlyWhereNullMeansSomething()
    {
        var schemas = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement
            .GetProperty("components").GetProperty("schemas");
        static string[] Required(JsonElement schema) => schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];
        static string Type(JsonElement schema, string field) => schema.GetProperty("properties").GetProperty(field).GetProperty("type").ToString();
        var create = schemas.GetProperty("CreateLinkRequest");

        Assert.Equal(["url"], Required(create));
        Assert.Equal("string", Type(create, "url"));
        Assert.Contains("null", Type(create, "alias"), StringComparison.Ordinal);
        Assert.Empty(Required(schemas.GetProperty("ItemUpdateRequest")));
        Assert.Equal(["title"], Required(schemas.GetProperty("NewItemRequest")));
        // "null to keep the link forever": null is a value there, and stays in the document.
        Assert.Contains("null", Type(schemas.GetProperty("ChangeExpiryRequest"), "expiresAt"), StringComparison.Ordinal);
        // Answers are left as they are: a link's expiresAt is null when it never expires.
        Assert.Contains("null", Type(schemas.GetProperty("LinkResponse"), "expiresAt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_RunsOffline_WithoutTheHostedServicesButtons()
    {
        var page = await _client.GetStringAsync(new Uri("/api/", UriKind.Relative));

        Assert.Contains("\"agent\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", page, StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReference_IsServedWithItsOwnScripts()
    {
        var page = await _client.GetStringAsync(new Uri("/api/", UriKind.Relative));

        Assert.Contains("scalar", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn.jsdelivr", page);
    }

    [Fact]
    public async Task Metrics_ExposeHttpServerMetricsForPrometheus()
    {
        await _client.GetAsync(new Uri("/health/live", UriKind.Relative));

        var metrics = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("http_server_request_duration_seconds", metrics);
    }
}
