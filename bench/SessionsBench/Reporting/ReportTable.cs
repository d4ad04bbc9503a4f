using System.Globalization;

namespace SessionsBench.Reporting;

/// <summary>One table of the report, rendered the same way to the terminal (Spectre.Console) and to Markdown.</summary>
/// <param name="TextColumns">The leading columns that hold names (left-aligned); the rest are numbers (right-aligned).</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, int TextColumns = 2)
{
    public static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Format(double? value, string format) => value is { } number ? Format(number, format) : "n/a";

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", Headers) + " |",
            "| " + string.Join(" | ", Headers.Select((_, column) => column < TextColumns ? "---" : "---:")) + " |",
        };
        lines.AddRange(Rows.Select(row => "| " + string.Join(" | ", row) + " |"));
        return string.Join("\n", lines);
    }
}
