using Blueprint.Capacity.Estimation;
using Spectre.Console;

namespace Blueprint.Cli.Commands;

/// <summary>Renders an estimate as the seed writes it: the figure, how it was computed, the value in human units.</summary>
internal static class EstimateTable
{
    public static void Write(CapacityEstimate estimate, string? preset, TextWriter output)
    {
        var console = CliConsole.For(output);
        var rounding = estimate.Inputs.Rounding == Rounding.Seed ? "seed rounding: 1e5 s/day" : "exact: 86,400 s/day";
        var table = new Table()
            .Title($"Capacity estimate{(preset is null ? "" : $" — {preset}")} ({rounding})")
            .AddColumn("figure")
            .AddColumn("how")
            .AddColumn(new TableColumn("value").RightAligned());
        foreach (var step in estimate.Steps)
        {
            table.AddRow(Markup.Escape(step.Figure), Markup.Escape(step.Formula), Markup.Escape(Format(step)));
        }

        console.Write(table);
    }

    private static string Format(EstimateStep step) => step.Unit switch
    {
        "req/s" => SiUnits.Rate(step.Value),
        "B/s" => SiUnits.Bytes(step.Value, "/s"),
        _ => SiUnits.Bytes(step.Value),
    };
}
