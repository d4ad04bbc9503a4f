using Spectre.Console;

namespace SessionsBench.Reporting;

/// <summary>The report's tables on stdout, drawn by Spectre.Console; wide enough not to wrap when stdout is a file.</summary>
public static class ConsoleReport
{
    public static IAnsiConsole Stdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    public static void Write(IAnsiConsole console, ReportTable report)
    {
        var table = new Table().Title(Markup.Escape(report.Title)).Border(TableBorder.Rounded);
        foreach (var (header, column) in report.Headers.Select((header, column) => (header, column)))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = column < report.TextColumns ? Justify.Left : Justify.Right });
        }

        foreach (var row in report.Rows)
        {
            table.AddRow([.. row.Select(cell => Markup.Escape(cell))]);
        }

        console.Write(table);
    }
}
