using System.Text.Json;

namespace Blueprint.Cli.Commands;

/// <summary>
/// A command's calls to a Blueprint host: a server that cannot be reached, does not answer in time,
/// or answers with something other than its JSON is one line on stderr and exit code 2, never a stack trace.
/// </summary>
internal static class ServerCall
{
    /// <summary>The exit code when the server could not be asked.</summary>
    public const int Unavailable = 2;

    public static async Task<int> RunAsync(HttpClient client, TextWriter error, Func<Task<int>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (HttpRequestException failed)
        {
            await error.WriteLineAsync($"Cannot reach the server at {client.BaseAddress}: {failed.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"The server at {client.BaseAddress} did not answer within {client.Timeout.TotalSeconds:0} s.");
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"The server at {client.BaseAddress} answered with something that is not Blueprint's JSON; is it a Blueprint host?");
        }

        return Unavailable;
    }
}
