using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary>A Spectre console over the writer given: colour on a terminal, plain text into a file or a test.</summary>
internal static class CliConsole
{
    public static IAnsiConsole For(TextWriter output)
    {
        var terminal = output == Console.Out && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; wide tables would wrap mid-word.
            console.Profile.Width = 160;
        }

        return console;
    }
}
