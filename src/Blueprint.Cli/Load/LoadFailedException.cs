namespace Blueprint.Cli.Load;

/// <summary>The run could not start: the server refused to sign in or to create links.</summary>
internal sealed class LoadFailedException(string message) : Exception(message)
{
    public static async Task ThrowUnlessAsync(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LoadFailedException($"The server answered {(int)response.StatusCode} when {step}: {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
