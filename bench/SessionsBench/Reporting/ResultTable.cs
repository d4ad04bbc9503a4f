using System.Globalization;

namespace SessionsBench.Reporting;

/// <summary>The rows every text report shares, formatted once so stdout and Markdown always agree.</summary>
public static class ResultTable
{
    public static readonly IReadOnlyList<string> Headers =
        ["store", "profile", "req/s", "p50 ms", "p95 ms", "p99 ms", "trips read", "trips write", "alloc B/req", "× memory", "lost", "errors"];

    public static IReadOnlyList<string> Row(StoreResult result) =>
    [
        result.Store,
        result.Profile,
        Format(result.Rps, "0"),
        Format(result.Latency.P50Ms, "0.00"),
        Format(result.Latency.P95Ms, "0.00"),
        Format(result.Latency.P99Ms, "0.00"),
        Format(result.TripsRead.PerRequest, "0.##"),
        Format(result.TripsWrite.PerRequest, "0.##"),
        double.IsNaN(result.AllocBytesPerRequest) ? "n/a" : Format(result.AllocBytesPerRequest, "0"),
        result.RatioToMemory is { } ratio ? Format(ratio, "0.00") : "n/a",
        result.LostIncrements.ToString(CultureInfo.InvariantCulture),
        result.Errors.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Fixed-width columns for a terminal.</summary>
    public static string ForConsole(IReadOnlyList<StoreResult> results)
    {
        var rows = results.Select(Row).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Count).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var lines = rows.Select(row => string.Join("  ", row.Select((cell, column) => column < 2 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))));
        return string.Join(Environment.NewLine, lines);
    }

    public static string ForMarkdown(IReadOnlyList<StoreResult> results)
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", Headers) + " |",
            "| " + string.Join(" | ", Headers.Select((_, column) => column < 2 ? "---" : "---:")) + " |",
        };
        lines.AddRange(results.Select(result => "| " + string.Join(" | ", Row(result)) + " |"));
        return string.Join("\n", lines);
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
