using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Blueprint.Identity.Contracts;

/// <summary>
/// The user service over HTTP, for a host that does not run the identity module. Answers about API
/// keys are cached (<see cref="UserServiceOptions.ApiKeyCacheDuration"/>), so a request with a key
/// costs a round trip only once in a while; a user lookup goes with the caller's own credentials.
/// </summary>
public sealed class RemoteUserService(
    IHttpClientFactory clients, IHttpContextAccessor requests, IOptions<UserServiceOptions> options) : IUserService, IDisposable
{
    /// <summary>The name of the HTTP client it uses.</summary>
    public const string ClientName = "user-service";

    private readonly UserServiceOptions _options = options.Value;
    private readonly MemoryCache _apiKeys = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed record ApiKeyOwner(string UserId);

    private sealed record VerifyApiKey(string Key);

    public async Task<string?> FindApiKeyOwnerAsync(string key, CancellationToken cancellationToken)
    {
        // The cache holds a hash of the key, never the secret itself.
        var cacheKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_apiKeys.TryGetValue(cacheKey, out string? cached) && cached is not null)
        {
            return cached.Length == 0 ? null : cached;
        }

        using var response = await SendAsync(() => JsonContent.Create(new VerifyApiKey(key)), HttpMethod.Post, "/api/identity/api-keys/verify", forwardCaller: false, cancellationToken);
        var owner = response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await ReadAsync<ApiKeyOwner>(response, cancellationToken)).UserId;
        _apiKeys.Set(cacheKey, owner ?? "", new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.ApiKeyCacheDuration });
        return owner;
    }

    public Task<UserSummary?> FindUserByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindUserAsync($"/api/identity/users?email={Uri.EscapeDataString(email)}", cancellationToken);

    public Task<UserSummary?> FindUserByIdAsync(string id, CancellationToken cancellationToken) =>
        FindUserAsync($"/api/identity/users/{Uri.EscapeDataString(id)}", cancellationToken);

    public async Task<IReadOnlyList<JsonWebKey>> SigningKeysAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(null, HttpMethod.Get, AccessTokens.KeySetPath, forwardCaller: false, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return [.. new JsonWebKeySet(json).Keys];
        }
        catch (ArgumentException error)
        {
            throw new UserServiceUnavailableException($"The user service at {_options.Url} answered {AccessTokens.KeySetPath} with something that is not a key set.", error);
        }
    }

    public void Dispose() => _apiKeys.Dispose();

    private async Task<UserSummary?> FindUserAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(null, HttpMethod.Get, path, forwardCaller: true, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<UserSummary>(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpContent>? content, HttpMethod method, string path, bool forwardCaller, CancellationToken cancellationToken)
    {
        var baseAddress = _options.Url ?? throw new UserServiceUnavailableException($"{UserServiceOptions.Section}:Url is not set and the identity module does not run in this host.");
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = content?.Invoke() };
        if (forwardCaller && requests.HttpContext?.Request.Headers is { } incoming)
        {
            // The user service answers a lookup only for a signed-in caller: this request's own.
            if (incoming.Authorization.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", incoming.Authorization.ToString());
            }

            if (incoming.TryGetValue(ApiKeyFormat.Header, out var key))
            {
                request.Headers.TryAddWithoutValidation(ApiKeyFormat.Header, key.ToString());
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new UserServiceUnavailableException($"The user service at {baseAddress} cannot be reached: {error.Message}", error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserServiceUnavailableException($"The user service at {baseAddress} did not answer within {_options.Timeout.TotalSeconds:0.#} s.", error);
        }

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new UserServiceUnavailableException($"The user service at {baseAddress} answered {method} {path.Split('?')[0]} with {status}.");
        }

        return response;
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new UserServiceUnavailableException($"The user service at {_options.Url} answered with an empty body.");
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new UserServiceUnavailableException($"The user service at {_options.Url} answered with something that is not its API's JSON.", error);
        }
    }
}
