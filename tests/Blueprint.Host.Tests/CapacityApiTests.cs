using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Host.Tests;

public sealed class CapacityApiTests(EmbeddedBlueprint factory) : IClassFixture<EmbeddedBlueprint>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PresetEstimate_UrlShortener_ReturnsTheSeedsFigures()
    {
        var estimate = await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/capacity/presets/url-shortener/estimate", UriKind.Relative));

        Assert.Equal(1000, estimate.GetProperty("average").GetProperty("reads").GetDouble(), precision: 6);
        Assert.Equal(100, estimate.GetProperty("average").GetProperty("writes").GetDouble(), precision: 6);
    }

    [Fact]
    public async Task PresetEstimate_Unknown_Is404NamingThePresets()
    {
        var response = await _client.GetAsync(new Uri("/api/capacity/presets/nope/estimate", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("url-shortener", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Estimate_InvalidInputs_Is400WithAnErrorPerInput()
    {
        var response = await _client.PostAsJsonAsync(new Uri("/api/capacity/estimate", UriKind.Relative), new { dailyActiveUsers = -1, interactionsPerUser = 1, requestSizeBytes = 200 });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("DailyActiveUsers", out _));
    }

    [Fact]
    public async Task Estimate_ValidInputs_ReturnsTheWorking()
    {
        var response = await _client.PostAsJsonAsync(new Uri("/api/capacity/estimate", UriKind.Relative), new { dailyActiveUsers = 1e6, interactionsPerUser = 10, requestSizeBytes = 1000, interactionsAre = "Writes", rounding = "Exact" });
        var estimate = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1e7 / 86_400, estimate.GetProperty("average").GetProperty("writes").GetDouble(), precision: 6);
        Assert.NotEmpty(estimate.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task CapacityPage_IsServed()
    {
        var page = await _client.GetStringAsync(new Uri("/capacity", UriKind.Relative));
        Assert.Contains("/api/capacity/estimate", page);
    }
}
