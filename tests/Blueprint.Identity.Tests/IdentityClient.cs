using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Identity.Tests;

/// <summary>Drives the user service's HTTP API the way a client would.</summary>
internal sealed class IdentityClient(HttpClient http)
{
    public const string Password = "Correct-horse-9";

    public HttpClient Http => http;

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = Password) =>
        http.PostAsJsonAsync(new Uri("/api/identity/register", UriKind.Relative), new { email, password });

    public Task<HttpResponseMessage> LoginAsync(string email, string password = Password) =>
        http.PostAsJsonAsync(new Uri("/api/identity/login", UriKind.Relative), new { email, password });

    /// <summary>Registers a new user and returns its bearer token.</summary>
    public async Task<string> SignUpAsync(string? email = null)
    {
        email ??= NewEmail();
        var registered = await RegisterAsync(email);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        return await TokenAsync(email);
    }

    public async Task<string> TokenAsync(string email, string password = Password)
    {
        var response = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }
}
