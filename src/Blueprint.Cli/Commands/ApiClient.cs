namespace Blueprint.Cli.Commands;

/// <summary>An HTTP client for a Blueprint host, signed in with an API key from <c>--api-key</c> or BLUEPRINT_API_KEY.</summary>
internal static class ApiClient
{
    /// <summary>The client, or null after telling <paramref name="error"/> what is missing.</summary>
    public static HttpClient? Create(string? server, string? apiKey, TextWriter error, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        apiKey ??= Environment.GetEnvironmentVariable("BLUEPRINT_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            error.WriteLine("--api-key: give an API key (create one with POST /api/identity/api-keys), or set BLUEPRINT_API_KEY.");
            return null;
        }

        if (ServerAddress.Resolve(server, error) is not { } baseAddress)
        {
            return null;
        }

        var client = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = baseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
