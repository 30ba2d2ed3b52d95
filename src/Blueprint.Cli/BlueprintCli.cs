using System.CommandLine;
using Blueprint.Cli.Commands;

namespace Blueprint.Cli;

/// <summary>The <c>blueprint</c> command line. Output goes to the writers given, so tests run it in-process.</summary>
public static class BlueprintCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Blueprint: the systems of the seeds, built for real.")
        {
            EstimateCommand.Create(output),
            HashingCommand.Create(output),
            CacheCommand.Create(output),
            RateLimitCommand.Create(output),
            LoadCommand.Create(output),
            SyncCommand.Create(output),
        };
        foreach (var command in LinksCommand.Create(output))
        {
            root.Subcommands.Add(command);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration);
    }
}
