using System.CommandLine;

namespace Blueprint.Cli.Commands;

/// <summary>The <c>--server</c> option of commands that talk to a running host: given, else BLUEPRINT_SERVER, else localhost.</summary>
internal static class ServerAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary>A fresh option: an option belongs to one command.</summary>
    public static Option<string> Option() => new("--server") { Description = $"The Blueprint host or gateway. Default: BLUEPRINT_SERVER, else {Default}." };

    /// <summary>The address to use, or null after telling <paramref name="error"/> why the one given is not one.</summary>
    public static Uri? Resolve(string? server, TextWriter error)
    {
        var address = server ?? Environment.GetEnvironmentVariable("BLUEPRINT_SERVER") ?? Default;
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        error.WriteLine($"--server: '{address}' is not an http or https address.");
        return null;
    }
}
