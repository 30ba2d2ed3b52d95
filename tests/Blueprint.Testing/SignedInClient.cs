using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Blueprint.Testing;

/// <summary>One user of Blueprint.Identity, signed in, driving a module's API over HTTP with its bearer token.</summary>
public sealed class SignedInClient(HttpClient http, string token)
{
    private const string Password = "Correct-horse-9";

    /// <summary>The bearer token it sends, for a test that takes it to another host.</summary>
    public string Token => token;

    public static async Task<SignedInClient> SignUpAsync(HttpClient http, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(new Uri("/api/identity/register", UriKind.Relative), new { email, password = Password })).StatusCode);
        return await LogInAsync(http, email);
    }

    public static async Task<SignedInClient> LogInAsync(HttpClient http, string email)
    {
        var login = await http.PostAsJsonAsync(new Uri("/api/identity/login", UriKind.Relative), new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return new SignedInClient(http, token);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = body switch
        {
            null => null,
            HttpContent raw => raw,
            _ => JsonContent.Create(body),
        };
        return await http.SendAsync(request);
    }

    /// <summary>Sends a request built by the caller (headers, raw bodies), signed in.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, completion, cancellationToken);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body);
        if (response.StatusCode != expected)
        {
            // The body says why (a ProblemDetails' detail), which the status alone does not.
            Assert.Fail($"{method} {path}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
