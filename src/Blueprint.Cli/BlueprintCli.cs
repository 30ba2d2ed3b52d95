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

        // A mistake on the command line is its error and a pointer to the help, not the whole help:
        // printed after the error, the help scrolled it out of sight.
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult.Command)} --help' for what it takes.");
            return 1;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parsed.InvokeAsync(configuration);
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? at = command; at is not null and not RootCommand; at = at.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, at.Name);
        }

        return string.Join(' ', ["blueprint", .. names]);
    }
}
